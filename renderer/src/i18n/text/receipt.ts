import type { Catalogue } from '../catalogue';

/** The till's `receipt.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'Receipt',
  sale: 'sale {{seq}}',
  change: 'Change',
  member: 'Member {{member}}',
  earned: 'Points earned',
  newBalance: 'New balance',
  print: 'Print receipt',
  close: 'Close',
};

export const nl: Catalogue = {
  title: 'Bon',
  sale: 'verkoop {{seq}}',
  change: 'Wisselgeld',
  member: 'Lid {{member}}',
  earned: 'Gespaarde punten',
  newBalance: 'Nieuw saldo',
  print: 'Bon afdrukken',
  close: 'Sluiten',
};

export const ro: Catalogue = {
  title: 'Bon',
  sale: 'vânzarea {{seq}}',
  change: 'Rest',
  member: 'Membru {{member}}',
  earned: 'Puncte câștigate',
  newBalance: 'Sold nou',
  print: 'Tipărește bonul',
  close: 'Închide',
};
