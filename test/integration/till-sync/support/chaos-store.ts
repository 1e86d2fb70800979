import type { StoreSettings } from '../../../../core/store/store-settings';

/** A bare store, enough to pair tills and take their sales (no demo catalogue, members or programs). */
export const CHAOS_STORE: StoreSettings = {
  storeId: 'store-chaos',
  name: 'Kassa Chaos',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
