import type { Catalogue } from '../catalogue';

/** The `managerMode.*` text in each language (English is the source; see ../locales/en.ts). Placeholder for issue 10. */
export const en = {
  title: 'managerMode',
};

export const nl: Catalogue = {
  title: 'managerMode',
};

export const ro: Catalogue = {
  title: 'managerMode',
};
