import type { SaleEvent } from '../../../core/journal/sale-event';
import { TEN_POINTS_PER_EURO } from '../../integration/sync-server/support/seed';
import { Till } from '../../integration/sync-server/support/spend-events';

/*
 * Who is in the fleet benchmark, shared by the server process (which seeds them) and the client
 * (which pushes as them): stores of 10 tills each, tokens known to both sides, members of every
 * store shopping anywhere, and the points program the sales earn under.
 */

export const TILLS_PER_STORE = 10;
export const storeOf = (s: number): string => `s${String(s).padStart(3, '0')}`;
export const memberOf = (i: number): string => `M${String(i).padStart(5, '0')}`;

export interface FleetTill {
  terminalId: string;
  storeId: string;
  token: string;
}

export function fleetTill(i: number, stores: number): FleetTill {
  return {
    terminalId: `T${String(i).padStart(4, '0')}`,
    storeId: storeOf(Math.floor(i / TILLS_PER_STORE) % stores),
    token: `fleet-token-${i}`,
  };
}

/** Program `p` v1, 10 points per euro (rule `base`): the builder's sale of 5.04 earns 50. */
export const FLEET_PROGRAM = { ...TEN_POINTS_PER_EURO, id: 'p' };
export const POINTS_PER_SALE = 50;

/**
 * Each till's chain of sealed sales with loyalty (hash chain from genesis), every sale for a
 * member drawn across the whole fleet (so members are shared across stores). Phases take the
 * next events of each chain in turn.
 */
export class FleetChain {
  private readonly builder: Till;
  readonly events: SaleEvent[] = [];
  /** Events already handed to a phase. */
  taken = 0;
  constructor(
    readonly till: FleetTill,
    private readonly members: number,
    private readonly index: number,
  ) {
    this.builder = new Till(till.terminalId, till.storeId);
  }

  /** The next `n` events, sealing more when the chain is short. */
  take(n: number): SaleEvent[] {
    while (this.events.length < this.taken + n) {
      const k = this.events.length;
      // A stride coprime with the member count spreads one till's sales over every store's members.
      const member = memberOf((this.index * 7919 + k * 104_729) % this.members);
      this.events.push(this.builder.sale({ memberId: member, earn: POINTS_PER_SALE }));
    }
    const out = this.events.slice(this.taken, this.taken + n);
    this.taken += n;
    return out;
  }
}
