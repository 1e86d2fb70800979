import type { Catalogue } from '../catalogue';

/** The till's `basket.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'One less {{name}}',
  oneMore: 'One more {{name}}',
  remove: 'Remove {{name}}',
  discount: 'Discount {{amount}}',
};

export const nl: Catalogue = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'Eén {{name}} minder',
  oneMore: 'Eén {{name}} meer',
  remove: '{{name}} verwijderen',
  discount: 'Korting {{amount}}',
};

export const ro: Catalogue = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'Cu o bucată mai puțin: {{name}}',
  oneMore: 'Încă o bucată: {{name}}',
  remove: 'Eliminați {{name}}',
  discount: 'Reducere {{amount}}',
};
