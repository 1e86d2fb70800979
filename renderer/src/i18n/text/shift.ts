import type { Catalogue } from '../catalogue';

/** The `shift.*` text in each language (English is the source; see ../locales/en.ts). Placeholder for issue 10. */
export const en = {
  title: 'shift',
};

export const nl: Catalogue = {
  title: 'shift',
};

export const ro: Catalogue = {
  title: 'shift',
};
