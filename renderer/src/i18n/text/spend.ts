import type { Catalogue } from '../catalogue';

/** The till's `spend.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'spend',
};

export const nl: Catalogue = {
  title: 'spend',
};

export const ro: Catalogue = {
  title: 'spend',
};
