import type { ProductCode } from '../../../../core/scan/product-code';
import { message, type Translatable } from '../../i18n/translatable';
import {
  addProduct,
  changeQuantity,
  EMPTY_BASKET,
  removeLine,
  type Basket,
  type ProductForSale,
} from './basket';

/** A line of text at the till: an error (role="alert") or a confirmation, translated when shown. */
export interface TillMessage {
  kind: 'error' | 'info';
  text: Translatable;
}

export interface CheckoutState {
  basket: Basket;
  message: TillMessage | null;
  /** The customer's choices for this sale (basket flags such as 'round-up'), sorted. */
  flags: readonly string[];
}

/** The member of the sale is the members feature's state (features/members/member-state.ts). */
export const INITIAL_CHECKOUT: CheckoutState = { basket: EMPTY_BASKET, message: null, flags: [] };

export type CheckoutAction =
  | { type: 'add'; product: ProductForSale; code: ProductCode; lineId: string }
  | { type: 'increment' | 'decrement' | 'remove'; lineId: string }
  | { type: 'message'; message: TillMessage | null }
  /** The customer says yes or no to a choice the programs offer (round up for a cause). */
  | { type: 'flag'; flag: string; on: boolean }
  | { type: 'completed'; message: TillMessage };

/** A basket emptied by hand is an abandoned sale: the customer's choices go with it. */
function withBasket(state: CheckoutState, basket: Basket): CheckoutState {
  return { ...state, basket, flags: basket.lines.length === 0 ? [] : state.flags };
}

/**
 * Every change to the till's state in one reducer: a failed scan only sets the message, so the
 * basket is never touched by a code that is unknown or invalid.
 */
export function checkoutReducer(state: CheckoutState, action: CheckoutAction): CheckoutState {
  switch (action.type) {
    case 'add': {
      const r = addProduct(state.basket, action.product, action.code, action.lineId);
      if (!r.ok) {
        const key =
          r.reason === 'needs-scale-label' ? 'checkout.needsScaleLabel' : 'checkout.notSoldByWeight';
        return { ...state, message: { kind: 'error', text: message(key, { name: action.product.name }) } };
      }
      return { ...state, basket: r.value, message: null };
    }
    case 'increment':
      return { ...state, basket: changeQuantity(state.basket, action.lineId, +1) };
    case 'decrement':
      return withBasket(state, changeQuantity(state.basket, action.lineId, -1));
    case 'remove':
      return withBasket(state, removeLine(state.basket, action.lineId));
    case 'message':
      return { ...state, message: action.message };
    case 'flag': {
      const others = state.flags.filter((f) => f !== action.flag);
      return { ...state, flags: action.on ? [...others, action.flag].sort() : others };
    }
    case 'completed':
      // A choice is per sale: the next customer is asked again.
      return { basket: EMPTY_BASKET, message: action.message, flags: [] };
  }
}
