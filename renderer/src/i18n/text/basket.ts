import type { Catalogue } from '../catalogue';

/** The till's `basket.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'One less {{name}}',
  oneMore: 'One more {{name}}',
  remove: 'Remove {{name}}',
  discount: 'Discount {{amount}}',
  voidLine: 'Void line: {{name}}',
  typeQuantity: 'Type the quantity of {{name}}',
  quantity: 'Quantity of {{name}}',
  quantityInvalid: 'Type a whole number from 1 to {{max}}.',
  overQuantity:
    '{{requested}} × {{name}} is more than {{limit}}, the most one line may have without a manager.',
  overWeight:
    '{{requested}} kg of {{name}} is more than {{limit}} kg, the most one line may weigh without a manager.',
  overAmount:
    'A line of {{requested}} ({{name}}) is more than {{limit}}, the most one line may cost without a manager.',
  dismiss: 'Leave it',
  voidSale: 'Void sale',
  voidSaleConfirm: 'Void this sale? Every line and choice on it goes.',
  voidSaleYes: 'Yes, void the sale',
  voidSaleNo: 'Keep the sale',
  saleVoided: 'Sale voided.',
  park: 'Park',
  parkName: 'Name for the parked basket (optional)',
  parked: 'Basket parked: {{label}}.',
  parkedList: 'Parked baskets',
  recall: 'Recall {{label}}',
  recalled: 'Basket recalled: {{label}}.',
  recallBusy: 'Park or void the open sale before recalling another.',
};

export const nl: Catalogue = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'Eén {{name}} minder',
  oneMore: 'Eén {{name}} meer',
  remove: '{{name}} verwijderen',
  discount: 'Korting {{amount}}',
  voidLine: 'Regel annuleren: {{name}}',
  typeQuantity: 'Typ het aantal {{name}}',
  quantity: 'Aantal {{name}}',
  quantityInvalid: 'Typ een heel getal van 1 tot {{max}}.',
  overQuantity:
    '{{requested}} × {{name}} is meer dan {{limit}}, het meeste dat één regel zonder manager mag hebben.',
  overWeight:
    '{{requested}} kg {{name}} is meer dan {{limit}} kg, het meeste dat één regel zonder manager mag wegen.',
  overAmount:
    'Een regel van {{requested}} ({{name}}) is meer dan {{limit}}, het meeste dat één regel zonder manager mag kosten.',
  dismiss: 'Laat maar',
  voidSale: 'Verkoop annuleren',
  voidSaleConfirm: 'Deze verkoop annuleren? Alle regels en keuzes vervallen.',
  voidSaleYes: 'Ja, annuleer de verkoop',
  voidSaleNo: 'Verkoop houden',
  saleVoided: 'Verkoop geannuleerd.',
  park: 'Parkeren',
  parkName: 'Naam voor de geparkeerde mand (optioneel)',
  parked: 'Mand geparkeerd: {{label}}.',
  parkedList: 'Geparkeerde manden',
  recall: '{{label}} terughalen',
  recalled: 'Mand teruggehaald: {{label}}.',
  recallBusy: 'Parkeer of annuleer de open verkoop voordat u een andere terughaalt.',
};

export const ro: Catalogue = {
  weighed: '{{weight}} kg × {{price}}/kg',
  oneLess: 'Cu o bucată mai puțin: {{name}}',
  oneMore: 'Încă o bucată: {{name}}',
  remove: 'Eliminați {{name}}',
  discount: 'Reducere {{amount}}',
  voidLine: 'Anulați rândul: {{name}}',
  typeQuantity: 'Tastați cantitatea pentru {{name}}',
  quantity: 'Cantitate {{name}}',
  quantityInvalid: 'Tastați un număr întreg de la 1 la {{max}}.',
  overQuantity: '{{requested}} × {{name}} depășește {{limit}}, maximul pe un rând fără manager.',
  overWeight:
    '{{requested}} kg de {{name}} depășește {{limit}} kg, greutatea maximă pe un rând fără manager.',
  overAmount: 'Un rând de {{requested}} ({{name}}) depășește {{limit}}, suma maximă pe un rând fără manager.',
  dismiss: 'Renunțați',
  voidSale: 'Anulați vânzarea',
  voidSaleConfirm: 'Anulați această vânzare? Toate rândurile și opțiunile ei dispar.',
  voidSaleYes: 'Da, anulați vânzarea',
  voidSaleNo: 'Păstrați vânzarea',
  saleVoided: 'Vânzare anulată.',
  park: 'Parcați',
  parkName: 'Nume pentru coșul parcat (opțional)',
  parked: 'Coș parcat: {{label}}.',
  parkedList: 'Coșuri parcate',
  recall: 'Readuceți {{label}}',
  recalled: 'Coș readus: {{label}}.',
  recallBusy: 'Parcați sau anulați vânzarea deschisă înainte de a readuce alt coș.',
};
