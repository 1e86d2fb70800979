import type { Catalogue } from '../catalogue';

/** The till's `manager.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'Manager override',
  manager: 'Manager',
  choose: 'Choose the manager',
  pin: 'PIN',
  reason: 'Reason',
  allow: 'Allow',
  cancel: 'Cancel',
  checking: 'Checking the PIN…',
  ask: 'Ask a manager',
  noManagers: 'No manager is set up for this store, so nothing above the limit can be allowed at this till.',
  reasonRequired: 'Write down why you allow this.',
  pinFormat: 'A PIN is 4 to 8 digits.',
  wrongPin_one: 'Wrong PIN: {{count}} try left before {{name}} is locked out on this till.',
  wrongPin_other: 'Wrong PIN: {{count}} tries left before {{name}} is locked out on this till.',
  locked: 'Too many wrong PINs: {{name}} is locked out on this till until {{time}}.',
  saveFailed: 'The override could not be saved: {{error}}',
  allowed: 'Allowed by {{name}}.',
};

export const nl: Catalogue = {
  title: 'Goedkeuring door een manager',
  manager: 'Manager',
  choose: 'Kies de manager',
  pin: 'Pincode',
  reason: 'Reden',
  allow: 'Toestaan',
  cancel: 'Annuleren',
  checking: 'Pincode controleren…',
  ask: 'Vraag een manager',
  noManagers:
    'Voor deze winkel is geen manager ingesteld, dus aan deze kassa kan niets boven de grens worden toegestaan.',
  reasonRequired: 'Schrijf op waarom u dit toestaat.',
  pinFormat: 'Een pincode heeft 4 tot 8 cijfers.',
  wrongPin_one: 'Verkeerde pincode: nog {{count}} poging voordat {{name}} aan deze kassa wordt geblokkeerd.',
  wrongPin_other:
    'Verkeerde pincode: nog {{count}} pogingen voordat {{name}} aan deze kassa wordt geblokkeerd.',
  locked: 'Te vaak een verkeerde pincode: {{name}} is aan deze kassa geblokkeerd tot {{time}}.',
  saveFailed: 'De goedkeuring kon niet worden opgeslagen: {{error}}',
  allowed: 'Toegestaan door {{name}}.',
};

export const ro: Catalogue = {
  title: 'Aprobare de la manager',
  manager: 'Manager',
  choose: 'Alegeți managerul',
  pin: 'PIN',
  reason: 'Motiv',
  allow: 'Aprobă',
  cancel: 'Anulează',
  checking: 'Se verifică PIN-ul…',
  ask: 'Chemați un manager',
  noManagers:
    'Acest magazin nu are niciun manager configurat, deci la această casă nu se poate aproba nimic peste limită.',
  reasonRequired: 'Scrieți de ce aprobați.',
  pinFormat: 'Un PIN are între 4 și 8 cifre.',
  wrongPin_one: 'PIN greșit: mai este {{count}} încercare până când {{name}} este blocat la această casă.',
  wrongPin_few: 'PIN greșit: mai sunt {{count}} încercări până când {{name}} este blocat la această casă.',
  wrongPin_other:
    'PIN greșit: mai sunt {{count}} de încercări până când {{name}} este blocat la această casă.',
  locked: 'Prea multe PIN-uri greșite: {{name}} este blocat la această casă până la {{time}}.',
  saveFailed: 'Aprobarea nu a putut fi salvată: {{error}}',
  allowed: 'Aprobat de {{name}}.',
};
