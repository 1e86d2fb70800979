import type { Catalogue } from '../catalogue';

/** The till's `returns.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'returns',
};

export const nl: Catalogue = {
  title: 'returns',
};

export const ro: Catalogue = {
  title: 'returns',
};
