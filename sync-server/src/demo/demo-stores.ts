import type { StoreInput } from '../domain/stores';
import { DEMO_STORE } from './demo-catalogue';

/** The demo store's region: its members replicate to the tills of every store in it. */
export const DEMO_REGION = 'nl-randstad';

/**
 * The demo stores: Amsterdam (the till's store, with the catalogue and the members), a neighbour
 * in the same region whose tills replicate Amsterdam's members, and a store in another region
 * whose tills do not (only the members seen there). The two others have no catalogue: they are
 * there to pair a till to and see the members scope.
 */
export const DEMO_STORES: readonly StoreInput[] = [
  { ...DEMO_STORE, region: DEMO_REGION },
  { ...DEMO_STORE, storeId: 'store-demo-utr', name: 'Kassa Demo Utrecht', region: DEMO_REGION },
  { ...DEMO_STORE, storeId: 'store-demo-ehv', name: 'Kassa Demo Eindhoven', region: 'nl-brabant' },
];
