import type { Catalogue } from '../catalogue';

/** The `backoffice.*` text in each language (English is the source; see ../locales/en.ts). Placeholder for issue 10. */
export const en = {
  title: 'backoffice',
};

export const nl: Catalogue = {
  title: 'backoffice',
};

export const ro: Catalogue = {
  title: 'backoffice',
};
