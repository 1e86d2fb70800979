import type { Catalogue } from '../catalogue';

/** The till's `app.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  hostDown: 'The terminal host is not answering: {{error}}',
  starting:
    'The till is still starting: its database is being opened (after an update this can take a while).',
  openElsewhere:
    'Kassa is already open in another window. Use that window; this one takes over by itself once the other is closed.',
  startFailed:
    'The till could not start: {{error}} Restart the till; if this happens again, call support. The sales already on this till are kept.',
};

export const nl: Catalogue = {
  hostDown: 'De kassahost reageert niet: {{error}}',
  starting: 'De kassa start nog op: de database wordt geopend (na een update kan dit even duren).',
  openElsewhere:
    'Kassa is al geopend in een ander venster. Gebruik dat venster; dit venster neemt het vanzelf over zodra het andere gesloten is.',
  startFailed:
    'De kassa kon niet starten: {{error}} Start de kassa opnieuw; gebeurt dit nog eens, bel dan support. De verkopen op deze kassa blijven bewaard.',
};

export const ro: Catalogue = {
  hostDown: 'Gazda terminalului nu răspunde: {{error}}',
  starting: 'Casa încă pornește: baza de date se deschide (după o actualizare poate dura puțin).',
  openElsewhere:
    'Kassa este deja deschisă în altă fereastră. Folosiți acea fereastră; aceasta preia singură după ce cealaltă este închisă.',
  startFailed:
    'Casa nu a putut porni: {{error}} Reporniți casa; dacă se întâmplă din nou, sunați la suport. Vânzările de pe această casă se păstrează.',
};
