import type { Catalogue } from '../catalogue';

/** The till's `sync.*` text in each language (English is the source; see ../locales/en.ts). */
export const en = {
  state: {
    offline: 'offline',
    refused: 'refused',
    syncing: 'syncing',
    synced: 'synced',
  },
  waiting_one: '{{count}} sale waiting',
  waiting_other: '{{count}} sales waiting',
  lastSync: 'last sync {{time}}',
  never: 'never',
  refused_one: '{{count}} refused: {{message}}',
  refused_other: '{{count}} refused: {{message}}',
  refusedItem: '{{event}}: {{message}}',
  quarantined_one: '{{count}} document from HQ could not be read',
  quarantined_other: '{{count}} documents from HQ could not be read',
  eventType: {
    sale: 'sale',
    other: 'event',
  },
};

export const nl: Catalogue = {
  state: {
    offline: 'offline',
    refused: 'geweigerd',
    syncing: 'synchroniseren',
    synced: 'gesynchroniseerd',
  },
  waiting_one: '{{count}} verkoop in de wachtrij',
  waiting_other: '{{count}} verkopen in de wachtrij',
  lastSync: 'laatst gesynchroniseerd {{time}}',
  never: 'nooit',
  refused_one: '{{count}} geweigerd: {{message}}',
  refused_other: '{{count}} geweigerd: {{message}}',
  refusedItem: '{{event}}: {{message}}',
  quarantined_one: '{{count}} document van het hoofdkantoor kon niet worden gelezen',
  quarantined_other: '{{count}} documenten van het hoofdkantoor konden niet worden gelezen',
  eventType: {
    sale: 'verkoop',
    other: 'gebeurtenis',
  },
};

export const ro: Catalogue = {
  state: {
    offline: 'offline',
    refused: 'refuzat',
    syncing: 'se sincronizează',
    synced: 'sincronizat',
  },
  waiting_one: '{{count}} vânzare în așteptare',
  waiting_few: '{{count}} vânzări în așteptare',
  waiting_other: '{{count}} de vânzări în așteptare',
  lastSync: 'ultima sincronizare {{time}}',
  never: 'niciodată',
  refused_one: '{{count}} eveniment refuzat: {{message}}',
  refused_few: '{{count}} evenimente refuzate: {{message}}',
  refused_other: '{{count}} de evenimente refuzate: {{message}}',
  refusedItem: '{{event}}: {{message}}',
  quarantined_one: '{{count}} document de la sediu nu a putut fi citit',
  quarantined_few: '{{count}} documente de la sediu nu au putut fi citite',
  quarantined_other: '{{count}} de documente de la sediu nu au putut fi citite',
  eventType: {
    sale: 'vânzare',
    other: 'eveniment',
  },
};
