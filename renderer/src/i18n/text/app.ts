import type { Catalogue } from '../catalogue';

/** The till's `app.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  hostDown: 'The terminal host is not answering: {{error}}',
};

export const nl: Catalogue = {
  hostDown: 'De kassahost reageert niet: {{error}}',
};

export const ro: Catalogue = {
  hostDown: 'Gazda terminalului nu răspunde: {{error}}',
};
