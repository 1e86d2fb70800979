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
    'code-expired':
      'This member code has expired: a screenshot will not work. Ask the member to open the app and show the live code.',
    'code-wrong':
      'This member code does not match the member. Ask the member to refresh the code in the app.',
    'code-reused':
      'This member code was already used at this till. Ask the member to wait for the next code in the app (it changes every 30 seconds).',
  },
  memberApp: {
    noKey:
      'This till cannot check member app codes yet: it needs to reach the server once. Scan the member’s card or type their phone number.',
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
    'code-expired':
      'Deze ledencode is verlopen: een screenshot werkt niet. Vraag het lid de app te openen en de actuele code te tonen.',
    'code-wrong': 'Deze ledencode hoort niet bij dit lid. Vraag het lid de code in de app te vernieuwen.',
    'code-reused':
      'Deze ledencode is al gebruikt aan deze kassa. Vraag het lid te wachten op de volgende code in de app (die verandert elke 30 seconden).',
  },
  memberApp: {
    noKey:
      'Deze kassa kan codes uit de ledenapp nog niet controleren: ze moet eerst één keer verbinding maken met de server. Scan de klantenkaart of typ het telefoonnummer.',
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
    'code-expired':
      'Acest cod de membru a expirat: o captură de ecran nu funcționează. Rugați membrul să deschidă aplicația și să arate codul actual.',
    'code-wrong':
      'Acest cod de membru nu corespunde membrului. Rugați membrul să reîmprospăteze codul în aplicație.',
    'code-reused':
      'Acest cod de membru a fost deja folosit la această casă. Rugați membrul să aștepte următorul cod din aplicație (se schimbă la fiecare 30 de secunde).',
  },
  memberApp: {
    noKey:
      'Această casă nu poate verifica încă codurile din aplicația de membru: trebuie să se conecteze o dată la server. Scanați cardul membrului sau introduceți numărul de telefon.',
  },
};
