import type { Catalogue } from '../catalogue';

/** The till's `enrol.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  open: 'Enrol member',
  title: 'Enrol a new member',
  optional: 'optional',
  cardHint: 'Scan a new card from the store’s stock.',
  cardFrom: {
    title: 'Card',
    stock: 'Card from stock',
    range: 'New card number',
  },
  range: {
    label: 'New card number',
    hint: 'Write this number on a paper card, or the member types it into the app.',
    'used-up':
      'This till has no new card numbers left; it gets more once it is online again. Take a card from the stock.',
    none: 'This till has no card numbers yet; it gets them once it is online. Take a card from the stock.',
  },
  field: {
    fullName: 'Name',
    email: 'E-mail',
    phone: 'Phone number',
    card: 'Card',
    referralCode: 'Referral code',
  },
  consent: {
    title: 'Consent',
    marketing: 'I would like to receive offers and news (optional).',
    dataProcessing: 'I agree that my details are processed to run my loyalty account (required).',
    version: 'en-2026-11',
    versionShown: 'Consent text {{version}}',
  },
  submit: 'Enrol',
  saving: 'Saving…',
  cancel: 'Cancel',
  saveFailed: 'The enrolment could not be saved. {{error}}',
  error: {
    'name-required': 'Enter the member’s name.',
    'name-too-long': 'The name is too long (200 characters at most).',
    'email-invalid': 'This is not an e-mail address.',
    'phone-invalid': 'This is not a phone number.',
    'phone-taken': 'A member with this phone number already exists: find them by phone instead.',
    'card-required': 'Scan a new card from the store’s stock.',
    'card-invalid': 'This is not a loyalty card of this store.',
    'card-taken': 'This card already belongs to a member. Take another card from the stock.',
    'referral-invalid': 'A referral code has only letters, digits and dashes.',
    'consent-required': 'Enrolment needs consent to process the member’s details.',
  },
};

export const nl: Catalogue = {
  open: 'Lid inschrijven',
  title: 'Nieuw lid inschrijven',
  optional: 'optioneel',
  cardHint: 'Scan een nieuwe kaart uit de voorraad van de winkel.',
  cardFrom: {
    title: 'Kaart',
    stock: 'Kaart uit de voorraad',
    range: 'Nieuw kaartnummer',
  },
  range: {
    label: 'Nieuw kaartnummer',
    hint: 'Schrijf dit nummer op een papieren kaart, of het lid typt het in de app.',
    'used-up':
      'Deze kassa heeft geen nieuwe kaartnummers meer; zodra hij weer online is, krijgt hij er nieuwe. Neem een kaart uit de voorraad.',
    none: 'Deze kassa heeft nog geen kaartnummers; die krijgt hij zodra hij online is. Neem een kaart uit de voorraad.',
  },
  field: {
    fullName: 'Naam',
    email: 'E-mail',
    phone: 'Telefoonnummer',
    card: 'Kaart',
    referralCode: 'Verwijzingscode',
  },
  consent: {
    title: 'Toestemming',
    marketing: 'Ik ontvang graag aanbiedingen en nieuws (optioneel).',
    dataProcessing: 'Ik ga akkoord met de verwerking van mijn gegevens voor mijn spaarrekening (verplicht).',
    version: 'nl-2026-11',
    versionShown: 'Toestemmingstekst {{version}}',
  },
  submit: 'Inschrijven',
  saving: 'Bezig met opslaan…',
  cancel: 'Annuleren',
  saveFailed: 'De inschrijving kon niet worden opgeslagen. {{error}}',
  error: {
    'name-required': 'Vul de naam van het lid in.',
    'name-too-long': 'De naam is te lang (hoogstens 200 tekens).',
    'email-invalid': 'Dit is geen e-mailadres.',
    'phone-invalid': 'Dit is geen telefoonnummer.',
    'phone-taken': 'Er is al een lid met dit telefoonnummer: zoek het lid op telefoonnummer.',
    'card-required': 'Scan een nieuwe kaart uit de voorraad van de winkel.',
    'card-invalid': 'Dit is geen klantenkaart van deze winkel.',
    'card-taken': 'Deze kaart hoort al bij een lid. Neem een andere kaart uit de voorraad.',
    'referral-invalid': 'Een verwijzingscode bevat alleen letters, cijfers en streepjes.',
    'consent-required': 'Voor inschrijving is toestemming nodig om de gegevens van het lid te verwerken.',
  },
};

export const ro: Catalogue = {
  open: 'Înscrie membru',
  title: 'Înscrieți un membru nou',
  optional: 'opțional',
  cardHint: 'Scanați un card nou din stocul magazinului.',
  cardFrom: {
    title: 'Card',
    stock: 'Card din stoc',
    range: 'Număr de card nou',
  },
  range: {
    label: 'Număr de card nou',
    hint: 'Scrieți acest număr pe un card de hârtie sau membrul îl introduce în aplicație.',
    'used-up':
      'Această casă nu mai are numere de card noi; primește altele când este din nou online. Luați un card din stoc.',
    none: 'Această casă nu are încă numere de card; le primește când este online. Luați un card din stoc.',
  },
  field: {
    fullName: 'Nume',
    email: 'E-mail',
    phone: 'Număr de telefon',
    card: 'Card',
    referralCode: 'Cod de recomandare',
  },
  consent: {
    title: 'Consimțământ',
    marketing: 'Doresc să primesc oferte și noutăți (opțional).',
    dataProcessing: 'Sunt de acord cu prelucrarea datelor mele pentru contul de fidelitate (obligatoriu).',
    version: 'ro-2026-11',
    versionShown: 'Textul consimțământului {{version}}',
  },
  submit: 'Înscrie',
  saving: 'Se salvează…',
  cancel: 'Anulează',
  saveFailed: 'Înscrierea nu a putut fi salvată. {{error}}',
  error: {
    'name-required': 'Introduceți numele membrului.',
    'name-too-long': 'Numele este prea lung (cel mult 200 de caractere).',
    'email-invalid': 'Aceasta nu este o adresă de e-mail.',
    'phone-invalid': 'Acesta nu este un număr de telefon.',
    'phone-taken': 'Există deja un membru cu acest număr de telefon: căutați-l după telefon.',
    'card-required': 'Scanați un card nou din stocul magazinului.',
    'card-invalid': 'Acesta nu este un card de fidelitate al acestui magazin.',
    'card-taken': 'Acest card aparține deja unui membru. Luați alt card din stoc.',
    'referral-invalid': 'Un cod de recomandare conține doar litere, cifre și cratime.',
    'consent-required': 'Înscrierea necesită consimțământul pentru prelucrarea datelor membrului.',
  },
};
