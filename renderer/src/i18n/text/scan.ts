import type { Catalogue } from '../catalogue';

/** The till's `scan.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  label: 'Barcode',
  placeholder: 'Scan or type a barcode',
  add: 'Add',
  loyaltyCard: 'Loyalty card',
  refused: {
    empty: 'No code was read. Scan again.',
    'too-long': 'That scan was too long to be a code. Scan again.',
    'unknown-code':
      'Unknown code "{{code}}": not a product, loyalty card, coupon, gift card or member code of this store.',
    checksum: 'The check digit of {{code}} does not match: a misread or a typo. Scan again.',
    malformed: 'Code {{code}} is damaged or incomplete. Scan it again.',
    unreadable: 'The card could not be read. Swipe it again.',
    'not-loyalty-card': 'This card is not a loyalty card of this store.',
    signature: 'Code {{code}} is not genuine: it may be mistyped or forged.',
    'code-expired': 'This member code has expired. Ask the customer to show a fresh one.',
    'code-wrong': 'This member code is not valid for this member.',
    'code-reused': 'This member code was already used. Ask the customer to show a fresh one.',
  },
  notYet: {
    coupon: 'Coupons cannot be used at this till yet.',
    'gift-card': 'Gift cards cannot be used at this till yet.',
    'member-qr': 'Member app codes cannot be used at this till yet.',
  },
};

export const nl: Catalogue = {
  label: 'Barcode',
  placeholder: 'Scan of typ een barcode',
  add: 'Toevoegen',
  loyaltyCard: 'Klantenkaart',
  refused: {
    empty: 'Er is geen code gelezen. Scan opnieuw.',
    'too-long': 'Deze scan is te lang voor een code. Scan opnieuw.',
    'unknown-code':
      'Onbekende code "{{code}}": geen artikel, klantenkaart, coupon, cadeaukaart of ledencode van deze winkel.',
    checksum: 'Het controlecijfer van {{code}} klopt niet: verkeerd gelezen of een tikfout. Scan opnieuw.',
    malformed: 'Code {{code}} is beschadigd of onvolledig. Scan opnieuw.',
    unreadable: 'De kaart kon niet worden gelezen. Haal hem opnieuw door de lezer.',
    'not-loyalty-card': 'Deze kaart is geen klantenkaart van deze winkel.',
    signature: 'Code {{code}} is niet echt: mogelijk verkeerd ingetypt of vervalst.',
    'code-expired': 'Deze ledencode is verlopen. Vraag de klant een nieuwe te tonen.',
    'code-wrong': 'Deze ledencode is niet geldig voor dit lid.',
    'code-reused': 'Deze ledencode is al gebruikt. Vraag de klant een nieuwe te tonen.',
  },
  notYet: {
    coupon: 'Coupons kunnen nog niet aan deze kassa worden gebruikt.',
    'gift-card': 'Cadeaukaarten kunnen nog niet aan deze kassa worden gebruikt.',
    'member-qr': 'Codes uit de ledenapp kunnen nog niet aan deze kassa worden gebruikt.',
  },
};

export const ro: Catalogue = {
  label: 'Cod de bare',
  placeholder: 'Scanați sau tastați un cod de bare',
  add: 'Adaugă',
  loyaltyCard: 'Card de fidelitate',
  refused: {
    empty: 'Nu s-a citit niciun cod. Scanați din nou.',
    'too-long': 'Scanarea este prea lungă pentru a fi un cod. Scanați din nou.',
    'unknown-code':
      'Cod necunoscut „{{code}}”: nu este un produs, card de fidelitate, cupon, card cadou sau cod de membru al acestui magazin.',
    checksum:
      'Cifra de control a codului {{code}} nu corespunde: o citire greșită sau o greșeală de tastare. Scanați din nou.',
    malformed: 'Codul {{code}} este deteriorat sau incomplet. Scanați-l din nou.',
    unreadable: 'Cardul nu a putut fi citit. Glisați-l din nou.',
    'not-loyalty-card': 'Acest card nu este un card de fidelitate al acestui magazin.',
    signature: 'Codul {{code}} nu este autentic: poate fi tastat greșit sau falsificat.',
    'code-expired': 'Acest cod de membru a expirat. Rugați clientul să arate unul nou.',
    'code-wrong': 'Acest cod de membru nu este valabil pentru acest membru.',
    'code-reused': 'Acest cod de membru a fost deja folosit. Rugați clientul să arate unul nou.',
  },
  notYet: {
    coupon: 'Cupoanele nu pot fi folosite încă la această casă.',
    'gift-card': 'Cardurile cadou nu pot fi folosite încă la această casă.',
    'member-qr': 'Codurile din aplicația de membru nu pot fi folosite încă la această casă.',
  },
};
