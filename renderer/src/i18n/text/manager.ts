import type { Catalogue } from '../catalogue';

/** The till's `manager.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'manager',
};

export const nl: Catalogue = {
  title: 'manager',
};

export const ro: Catalogue = {
  title: 'manager',
};
