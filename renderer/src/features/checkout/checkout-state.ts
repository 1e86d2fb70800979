import type { ProductCode } from '../../../../core/scan/product-code';
import { DEFAULT_SANITY_LIMITS, type SanityLimits } from '../../../../core/store/store-policy';
import { message, type Translatable } from '../../i18n/translatable';
import {
  addProduct,
  basketBreach,
  changeQuantity,
  EMPTY_BASKET,
  removeLine,
  setQuantity,
  type Basket,
  type LimitBreach,
  type ProductForSale,
} from './basket';

/** A line of text at the till: an error (role="alert") or a confirmation, translated when shown. */
export interface TillMessage {
  kind: 'error' | 'info';
  text: Translatable;
}

/** A change that raises a line: checked against the store's sanity limits before it is applied. */
export type LineChange =
  | { type: 'add'; product: ProductForSale; code: ProductCode; lineId: string }
  | { type: 'increment'; lineId: string }
  | { type: 'set-quantity'; lineId: string; quantity: number };

/** A change refused for a limit: applied as it was once a manager allows it (`allowed`). */
export interface OverLimit {
  change: LineChange;
  breach: LimitBreach;
}

/** What of the open sale is kept when it is parked or the till reloads (basket-store). */
export interface OpenSale {
  basket: Basket;
  flags: readonly string[];
  /** Ids of the manager-override events that allowed something on this sale (sale.overrides). */
  overrides: readonly string[];
  /** An opaque JSON slot the spend feature keeps per basket (redemptions, coupons): parked and restored with it. */
  extra: unknown;
}

export interface CheckoutState extends OpenSale {
  message: TillMessage | null;
  /** The customer's choices for this sale (basket flags such as 'round-up'), sorted. */
  flags: readonly string[];
  /** The store's per-line limits (sanityLimitsOf(store)). */
  limits: SanityLimits;
  /** The change the till refused for a limit, waiting for a manager (or to be dismissed). */
  overLimit: OverLimit | null;
}

export const EMPTY_SALE: OpenSale = { basket: EMPTY_BASKET, flags: [], overrides: [], extra: null };

/** The member of the sale is the members feature's state (features/members/member-state.ts). */
export const INITIAL_CHECKOUT: CheckoutState = {
  ...EMPTY_SALE,
  message: null,
  limits: DEFAULT_SANITY_LIMITS,
  overLimit: null,
};

export type CheckoutAction =
  /** `allowed`: the id of the manager-override event that lets this change go over a limit. */
  | (LineChange & { allowed?: string })
  | { type: 'decrement'; lineId: string }
  /** A line voided before tender ('remove' is the older name of the same thing). */
  | { type: 'void-line' | 'remove'; lineId: string }
  /** The whole open sale voided before tender: lines, choices, overrides and extra go. */
  | { type: 'void-sale'; message: TillMessage }
  | { type: 'dismiss-over-limit' }
  | { type: 'message'; message: TillMessage | null }
  /** The customer says yes or no to a choice the programs offer (round up for a cause). */
  | { type: 'flag'; flag: string; on: boolean }
  | { type: 'extra'; extra: unknown }
  | { type: 'limits'; limits: SanityLimits }
  /** Another open sale takes the till: restored after a reload, recalled, or empty after parking. */
  | { type: 'restore'; sale: OpenSale; message: TillMessage | null }
  | { type: 'completed'; message: TillMessage };

/** A basket emptied by hand is an abandoned sale: the customer's choices go with it. */
function withBasket(state: CheckoutState, basket: Basket): CheckoutState {
  return { ...state, basket, flags: basket.lines.length === 0 ? [] : state.flags };
}

function applyChange(basket: Basket, change: LineChange) {
  switch (change.type) {
    case 'add':
      return addProduct(basket, change.product, change.code, change.lineId);
    case 'increment':
      return { ok: true as const, value: changeQuantity(basket, change.lineId, +1) };
    case 'set-quantity':
      return { ok: true as const, value: setQuantity(basket, change.lineId, change.quantity) };
  }
}

/** A change that raises a line: refused above a limit unless a manager allowed it. */
function raiseLine(state: CheckoutState, action: LineChange & { allowed?: string }): CheckoutState {
  const { allowed, ...change } = action;
  const r = applyChange(state.basket, change);
  if (!r.ok) {
    const key = r.reason === 'needs-scale-label' ? 'checkout.needsScaleLabel' : 'checkout.notSoldByWeight';
    const name = change.type === 'add' ? change.product.name : '';
    return { ...state, message: { kind: 'error', text: message(key, { name }) } };
  }
  const breach = basketBreach(state.basket, r.value, state.limits);
  if (breach && allowed === undefined) return { ...state, overLimit: { change, breach }, message: null };
  const overrides =
    allowed === undefined || state.overrides.includes(allowed)
      ? state.overrides
      : [...state.overrides, allowed];
  return { ...state, basket: r.value, overrides, overLimit: null, message: null };
}

/**
 * Every change to the till's state in one reducer: a failed scan only sets the message, so the
 * basket is never touched by a code that is unknown or invalid, nor by a change over a limit.
 */
export function checkoutReducer(state: CheckoutState, action: CheckoutAction): CheckoutState {
  switch (action.type) {
    case 'add':
    case 'increment':
    case 'set-quantity':
      return raiseLine(state, action);
    case 'decrement':
      return withBasket(state, changeQuantity(state.basket, action.lineId, -1));
    case 'void-line':
    case 'remove': {
      const next = withBasket(state, removeLine(state.basket, action.lineId));
      const refused = state.overLimit?.breach.lineId === action.lineId;
      return refused ? { ...next, overLimit: null } : next;
    }
    case 'void-sale':
      return { ...state, ...EMPTY_SALE, overLimit: null, message: action.message };
    case 'dismiss-over-limit':
      return { ...state, overLimit: null };
    case 'message':
      return { ...state, message: action.message };
    case 'flag': {
      const others = state.flags.filter((f) => f !== action.flag);
      return { ...state, flags: action.on ? [...others, action.flag].sort() : others };
    }
    case 'extra':
      return { ...state, extra: action.extra };
    case 'limits':
      return { ...state, limits: action.limits };
    case 'restore':
      return { ...state, ...action.sale, overLimit: null, message: action.message };
    case 'completed':
      // A choice is per sale: the next customer is asked again.
      return { ...state, ...EMPTY_SALE, overLimit: null, message: action.message };
  }
}
