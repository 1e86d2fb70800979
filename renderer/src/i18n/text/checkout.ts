import type { Catalogue } from '../catalogue';

/** The till's `checkout.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  basket: 'Basket',
  total: 'Total',
  subtotal: 'Subtotal',
  discount: 'Discount',
  empty: 'Scan an item to start a sale.',
  productUnknown: 'Product {{code}} is not in the catalogue. Check the item or key it in.',
  needsScaleLabel: '{{name}} is sold by weight: weigh it and scan the scale label.',
  notSoldByWeight: '{{name}} is not sold by weight; scan its own barcode.',
  saleComplete: 'Sale {{seq}} complete.',
  saleCompleteChange: 'Sale {{seq}} complete. Change {{change}}.',
  totalChanged:
    'The total changed (a promotion started or ended). Check the new total and take payment again.',
  saveFailed: 'The sale could not be saved; nothing was lost from the basket. {{error}}',
  storageFull:
    "The sale could not be saved: this till's storage is full. Nothing was lost from the basket and no payment was recorded. Ask the manager to free space, then complete the sale again.",
};

export const nl: Catalogue = {
  basket: 'Winkelmand',
  total: 'Totaal',
  subtotal: 'Subtotaal',
  discount: 'Korting',
  empty: 'Scan een artikel om een verkoop te beginnen.',
  productUnknown: 'Artikel {{code}} staat niet in het assortiment. Controleer het artikel of voer het in.',
  needsScaleLabel: '{{name}} wordt per gewicht verkocht: weeg het en scan het weegetiket.',
  notSoldByWeight: '{{name}} wordt niet per gewicht verkocht; scan de eigen barcode.',
  saleComplete: 'Verkoop {{seq}} afgerond.',
  saleCompleteChange: 'Verkoop {{seq}} afgerond. Wisselgeld {{change}}.',
  totalChanged:
    'Het totaal is gewijzigd (een actie is begonnen of afgelopen). Controleer het nieuwe totaal en reken opnieuw af.',
  saveFailed: 'De verkoop kon niet worden opgeslagen; er is niets uit de winkelmand verloren. {{error}}',
  storageFull:
    'De verkoop kon niet worden opgeslagen: de opslag van deze kassa is vol. Er is niets uit de winkelmand verloren en er is geen betaling vastgelegd. Vraag de bedrijfsleider ruimte vrij te maken en rond de verkoop daarna opnieuw af.',
};

export const ro: Catalogue = {
  basket: 'Coș',
  total: 'Total',
  subtotal: 'Subtotal',
  discount: 'Reducere',
  empty: 'Scanați un produs pentru a începe o vânzare.',
  productUnknown: 'Produsul {{code}} nu este în catalog. Verificați produsul sau introduceți-l manual.',
  needsScaleLabel: '{{name}} se vinde la greutate: cântăriți-l și scanați eticheta cântarului.',
  notSoldByWeight: '{{name}} nu se vinde la greutate; scanați codul de bare al produsului.',
  saleComplete: 'Vânzarea {{seq}} a fost finalizată.',
  saleCompleteChange: 'Vânzarea {{seq}} a fost finalizată. Rest {{change}}.',
  totalChanged:
    'Totalul s-a schimbat (o promoție a început sau s-a încheiat). Verificați noul total și încasați din nou.',
  saveFailed: 'Vânzarea nu a putut fi salvată; nu s-a pierdut nimic din coș. {{error}}',
  storageFull:
    'Vânzarea nu a putut fi salvată: spațiul de stocare al acestei case este plin. Nu s-a pierdut nimic din coș și nu s-a înregistrat nicio plată. Cereți managerului să elibereze spațiu, apoi finalizați din nou vânzarea.',
};
