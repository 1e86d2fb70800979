import { useCallback, useEffect, useRef, useState, type Dispatch } from 'react';
import { message } from '../../i18n/translatable';
import type { CheckoutAction, CheckoutState } from '../checkout/checkout-state';
import { EMPTY_SALE } from '../checkout/checkout-state';
import type { Identification } from '../members/identify';
import type { BasketStorage, ParkedBasket, SaleSnapshot } from './basket-storage';

/** The member of the open sale, as the members feature has it, and how to put one back. */
export interface SaleMember {
  attached: Identification | null;
  /** Sets the sale's member (null: none), for a basket restored or recalled. */
  restore(identification: Identification | null): void;
}

export interface ParkedBaskets {
  list: readonly ParkedBasket[];
  /** Keeps the open sale under `name` (or its time) and empties the till for the next customer. */
  park(name?: string): void;
  /** Puts a parked sale back on the till; refused while another sale is open. */
  recall(parkedId: string): void;
}

interface Options {
  storage: BasketStorage;
  state: CheckoutState;
  dispatch: Dispatch<CheckoutAction>;
  saleId: string;
  setSaleId(id: string): void;
  newSaleId(): string;
  /** The sale restored at start (read once by useCheckout), whose member is put back once. */
  restored: SaleSnapshot | null;
  member: SaleMember | undefined;
  clock(): number;
  newId(): string;
  /** How the till names a parked basket in its messages (parked-label.ts). */
  label(p: ParkedBasket): string;
  /** Whether the journal already holds an event with this id (the sale was written). */
  written(saleId: string): Promise<boolean>;
}

/** The open sale is written on every change, so a reload or crash restores it (useCheckout reads it). */
export function useBasketStore(o: Options): ParkedBaskets {
  const {
    storage,
    state,
    dispatch,
    saleId,
    setSaleId,
    newSaleId,
    restored,
    member,
    clock,
    newId,
    label,
    written,
  } = o;
  const { basket, flags, overrides, extra } = state;
  const attached = member?.attached ?? null;
  const [list, setList] = useState<readonly ParkedBasket[]>(() => storage.loadParked());

  useEffect(() => {
    storage.saveOpen({ saleId, basket, flags, overrides, extra, member: attached });
  }, [attached, basket, extra, flags, overrides, saleId, storage]);

  // The member of a restored basket goes back on it once (a ref, so StrictMode's second run does
  // not) — only with lines: a member on an empty till is no open sale, and a restart clears it.
  const memberRestored = useRef(false);
  const restoreMember = member?.restore;
  useEffect(() => {
    if (memberRestored.current || !restoreMember) return;
    memberRestored.current = true;
    if (restored?.member && restored.basket.lines.length > 0) restoreMember(restored.member);
  }, [restoreMember, restored]);

  // A crash after the sale was written but before the till emptied leaves its basket stored: it
  // is not offered again (a second sale of the same goods under the same id).
  const checkedWritten = useRef(false);
  useEffect(() => {
    if (checkedWritten.current || !restored || restored.basket.lines.length === 0) return;
    checkedWritten.current = true;
    void written(restored.saleId).then((done) => {
      if (!done) return;
      dispatch({ type: 'restore', sale: EMPTY_SALE, message: null });
      setSaleId(newSaleId());
      restoreMember?.(null);
    });
  }, [dispatch, newSaleId, restoreMember, restored, setSaleId, written]);

  const park = useCallback(
    (name = '') => {
      if (basket.lines.length === 0) return;
      const parked: ParkedBasket = {
        parkedId: newId(),
        name: name.trim().slice(0, 80),
        parkedAt: clock(),
        sale: { saleId, basket, flags, overrides, extra, member: attached },
      };
      // Parked first, then the till emptied: a crash in between keeps the sale twice, never not at all.
      const next = [...list, parked];
      storage.saveParked(next);
      setList(next);
      dispatch({
        type: 'restore',
        sale: EMPTY_SALE,
        message: { kind: 'info', text: message('basket.parked', { label: label(parked) }) },
      });
      setSaleId(newSaleId());
      restoreMember?.(null);
    },
    [
      attached,
      basket,
      clock,
      dispatch,
      extra,
      flags,
      label,
      list,
      newId,
      newSaleId,
      overrides,
      restoreMember,
      saleId,
      setSaleId,
      storage,
    ],
  );

  const recall = useCallback(
    (parkedId: string) => {
      const found = list.find((p) => p.parkedId === parkedId);
      if (!found) return;
      if (basket.lines.length > 0) {
        dispatch({ type: 'message', message: { kind: 'error', text: message('basket.recallBusy') } });
        return;
      }
      const next = list.filter((p) => p !== found);
      const { saleId: id, member: who, ...sale } = found.sale;
      dispatch({
        type: 'restore',
        sale,
        message: { kind: 'info', text: message('basket.recalled', { label: label(found) }) },
      });
      setSaleId(id);
      restoreMember?.(who);
      storage.saveParked(next);
      setList(next);
    },
    [basket.lines.length, dispatch, label, list, restoreMember, setSaleId, storage],
  );

  return { list, park, recall };
}
