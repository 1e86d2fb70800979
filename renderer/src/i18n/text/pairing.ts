import type { Catalogue } from '../catalogue';

/** The till's `pairing.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  title: 'Pair this till',
  intro: 'Ask the store manager for a pairing code (kassa-server pair-code) and the server address.',
  server: 'Server',
  code: 'Pairing code',
  submit: 'Pair',
  busy: 'Pairing…',
  error: {
    'code-invalid': 'The pairing code was refused.',
    'server-unreachable': 'The server cannot be reached. Check its address and the network.',
    'server-error': 'The server could not pair this till.',
  },
};

export const nl: Catalogue = {
  title: 'Deze kassa koppelen',
  intro: 'Vraag de winkelmanager om een koppelcode (kassa-server pair-code) en het adres van de server.',
  server: 'Server',
  code: 'Koppelcode',
  submit: 'Koppelen',
  busy: 'Koppelen…',
  error: {
    'code-invalid': 'De koppelcode is geweigerd.',
    'server-unreachable': 'De server is niet bereikbaar. Controleer het adres en het netwerk.',
    'server-error': 'De server kon deze kassa niet koppelen.',
  },
};

export const ro: Catalogue = {
  title: 'Asociați această casă',
  intro: 'Cereți managerului magazinului un cod de asociere (kassa-server pair-code) și adresa serverului.',
  server: 'Server',
  code: 'Cod de asociere',
  submit: 'Asociază',
  busy: 'Se asociază…',
  error: {
    'code-invalid': 'Codul de asociere a fost refuzat.',
    'server-unreachable': 'Serverul nu poate fi contactat. Verificați adresa și rețeaua.',
    'server-error': 'Serverul nu a putut asocia această casă.',
  },
};
