import type { Catalogue } from '../catalogue';

/** The till's `receipt.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'Receipt',
  sale: 'sale {{seq}}',
  change: 'Change',
  member: 'Member {{member}}',
  earned: 'Points earned',
  redeemed: 'Redeemed',
  redeemedLine: '{{reward}}: {{points}} points',
  newBalance: 'New balance',
  print: 'Print receipt',
  claimCode: 'Code to collect the points of this purchase',
  claim_one: 'Scan this code in the app within {{count}} day to collect the points of this purchase',
  claim_other: 'Scan this code in the app within {{count}} days to collect the points of this purchase',
  close: 'Close',
  code: 'Receipt code (to return goods)',
  voucher: {
    code: 'Voucher code',
    value: 'Voucher of {{value}} for your next visit',
    until: 'Valid until {{date}}',
  },
  payments: {
    cash: 'Cash',
    card: 'Card',
    points: 'Points ({{points}})',
    giftCard: 'Gift card {{code}}',
  },
};

export const nl: Catalogue = {
  title: 'Bon',
  sale: 'verkoop {{seq}}',
  change: 'Wisselgeld',
  member: 'Lid {{member}}',
  earned: 'Gespaarde punten',
  redeemed: 'Ingewisseld',
  redeemedLine: '{{reward}}: {{points}} punten',
  newBalance: 'Nieuw saldo',
  print: 'Bon afdrukken',
  claimCode: 'Code om de punten van deze aankoop te sparen',
  claim_one: 'Scan deze code binnen {{count}} dag in de app om de punten van deze aankoop te sparen',
  claim_other: 'Scan deze code binnen {{count}} dagen in de app om de punten van deze aankoop te sparen',
  close: 'Sluiten',
  code: 'Boncode (om goederen te retourneren)',
  voucher: {
    code: 'Code van de tegoedbon',
    value: 'Tegoedbon van {{value}} voor uw volgende bezoek',
    until: 'Geldig tot en met {{date}}',
  },
  payments: {
    cash: 'Contant',
    card: 'Pin',
    points: 'Punten ({{points}})',
    giftCard: 'Cadeaukaart {{code}}',
  },
};

export const ro: Catalogue = {
  title: 'Bon',
  sale: 'vânzarea {{seq}}',
  change: 'Rest',
  member: 'Membru {{member}}',
  earned: 'Puncte câștigate',
  redeemed: 'Răscumpărat',
  redeemedLine: '{{reward}}: {{points}} puncte',
  newBalance: 'Sold nou',
  print: 'Tipărește bonul',
  claimCode: 'Cod pentru punctele acestei cumpărături',
  claim_one:
    'Scanați acest cod în aplicație în cel mult {{count}} zi pentru a primi punctele acestei cumpărături',
  claim_few:
    'Scanați acest cod în aplicație în cel mult {{count}} zile pentru a primi punctele acestei cumpărături',
  claim_other:
    'Scanați acest cod în aplicație în cel mult {{count}} de zile pentru a primi punctele acestei cumpărături',
  close: 'Închide',
  code: 'Codul bonului (pentru retururi)',
  voucher: {
    code: 'Codul voucherului',
    value: 'Voucher de {{value}} pentru următoarea vizită',
    until: 'Valabil până la {{date}}',
  },
  payments: {
    cash: 'Numerar',
    card: 'Card',
    points: 'Puncte ({{points}})',
    giftCard: 'Card cadou {{code}}',
  },
};
