import type { Catalogue } from '../catalogue';

/** The till's `tender.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  payment: 'Payment',
  methods: 'Tender type',
  cash: 'Cash',
  card: 'Card',
  handedOver: 'Handed over',
  changeDue: 'Change due',
  complete: 'Complete sale',
  saving: 'Saving…',
  roundUp: 'Round up to {{target}} for the {{cause}} (+{{extra}})',
  donation: 'Donation to the {{cause}}',
  amountDue: 'Amount due',
  rest: 'Still to pay',
  error: {
    'empty-basket': 'Scan an item first.',
    'invalid-amount': 'Enter the amount the customer handed over.',
    'not-enough-cash': 'The amount handed over is less than the total.',
    'over-tendered': 'Points and gift cards pay more than is due: remove one.',
  },
  amount: {
    empty: 'Enter the amount the customer handed over.',
    'not-a-number': 'That is not an amount: type it like {{example}}.',
    ambiguous: 'Type the amount like {{example}}.',
    'too-many-decimals': 'Too many decimals: type the amount like {{example}}.',
    negative: 'The amount handed over cannot be negative.',
    'too-large': 'That amount is too large.',
  },
};

export const nl: Catalogue = {
  payment: 'Betaling',
  methods: 'Betaalwijze',
  cash: 'Contant',
  card: 'Pin',
  handedOver: 'Ontvangen',
  changeDue: 'Wisselgeld',
  complete: 'Afrekenen',
  saving: 'Opslaan…',
  roundUp: 'Afronden op {{target}} voor de {{cause}} (+{{extra}})',
  donation: 'Donatie aan de {{cause}}',
  amountDue: 'Te betalen',
  rest: 'Nog te betalen',
  error: {
    'empty-basket': 'Scan eerst een artikel.',
    'invalid-amount': 'Voer het bedrag in dat de klant heeft gegeven.',
    'not-enough-cash': 'Het ontvangen bedrag is lager dan het totaal.',
    'over-tendered': 'Punten en cadeaukaarten betalen meer dan er te betalen is: haal er een weg.',
  },
  amount: {
    empty: 'Voer het bedrag in dat de klant heeft gegeven.',
    'not-a-number': 'Dat is geen bedrag: typ het als {{example}}.',
    ambiguous: 'Typ het bedrag als {{example}}.',
    'too-many-decimals': 'Te veel decimalen: typ het bedrag als {{example}}.',
    negative: 'Het ontvangen bedrag kan niet negatief zijn.',
    'too-large': 'Dat bedrag is te hoog.',
  },
};

export const ro: Catalogue = {
  payment: 'Plată',
  methods: 'Modalitate de plată',
  cash: 'Numerar',
  card: 'Card',
  handedOver: 'Primit',
  changeDue: 'Rest',
  complete: 'Încasează',
  saving: 'Se salvează…',
  roundUp: 'Rotunjiți la {{target}} pentru {{cause}} (+{{extra}})',
  donation: 'Donație pentru {{cause}}',
  amountDue: 'De plată',
  rest: 'Rămas de plătit',
  error: {
    'empty-basket': 'Scanați mai întâi un produs.',
    'invalid-amount': 'Introduceți suma primită de la client.',
    'not-enough-cash': 'Suma primită este mai mică decât totalul.',
    'over-tendered': 'Punctele și cardurile cadou plătesc mai mult decât trebuie: eliminați unul.',
  },
  amount: {
    empty: 'Introduceți suma primită de la client.',
    'not-a-number': 'Aceasta nu este o sumă: tastați-o ca {{example}}.',
    ambiguous: 'Tastați suma ca {{example}}.',
    'too-many-decimals': 'Prea multe zecimale: tastați suma ca {{example}}.',
    negative: 'Suma primită nu poate fi negativă.',
    'too-large': 'Suma este prea mare.',
  },
};
