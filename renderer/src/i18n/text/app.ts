import type { Catalogue } from '../catalogue';

/** The till's `app.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  hostDown: 'The terminal host is not answering: {{error}}',
  starting:
    'The till is still starting: its database is being opened (after an update this can take a while).',
  startFailed:
    'The till could not start: {{error}} Restart the till; if this happens again, call support. The sales already on this till are kept.',
};

export const nl: Catalogue = {
  hostDown: 'De kassahost reageert niet: {{error}}',
  starting: 'De kassa start nog op: de database wordt geopend (na een update kan dit even duren).',
  startFailed:
    'De kassa kon niet starten: {{error}} Start de kassa opnieuw; gebeurt dit nog eens, bel dan support. De verkopen op deze kassa blijven bewaard.',
};

export const ro: Catalogue = {
  hostDown: 'Gazda terminalului nu răspunde: {{error}}',
  starting: 'Casa încă pornește: baza de date se deschide (după o actualizare poate dura puțin).',
  startFailed:
    'Casa nu a putut porni: {{error}} Reporniți casa; dacă se întâmplă din nou, sunați la suport. Vânzările de pe această casă se păstrează.',
};
