import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { isVoucher } from '../../../../core/loyalty/voucher-redeem';
import type { Identification } from '../members/identify';
import { NO_SPEND_INPUTS, type LoyaltyInputs, type SpendInputs } from '../members/useLoyalty';
import type { Basket } from '../checkout/basket';
import type { CodeScan, SaleLoyaltyOutcome } from '../checkout/useCheckout';
import { spendOutcome } from './spend-outcome';
import { EMPTY_SPEND, spendReducer, type SpendAction, type SpendState } from './spend-state';

/**
 * The open basket's spend state, wired: a link made before the checkout (its "complete sale"
 * finalise and the coupon / gift-card scans read the state through it), and the state itself,
 * kept with the open sale's id in localStorage so a reload keeps it, released when the sale is
 * completed, voided or parked (the basket empties or the sale id changes).
 */
export interface SpendLink {
  /** Keeps the state finalise reads when it runs (never while rendering). */
  keep(state: SpendState): void;
  /** Where a coupon or gift-card scan goes. */
  route(onCode: (scan: CodeScan) => void): void;
  finalise(
    basket: Basket,
    saleId: string,
    nowMs: number,
    flags: readonly string[],
  ): Promise<SaleLoyaltyOutcome>;
  onCodeScan(scan: CodeScan): void;
}

export function useSpendLink(inputs: LoyaltyInputs, identification: Identification | null): SpendLink {
  const current = useRef<{ state: SpendState; onCode?: (scan: CodeScan) => void }>({ state: EMPTY_SPEND });
  const { evaluateAt, programs } = inputs;
  const finalise = useCallback(
    async (basket: Basket, saleId: string, nowMs: number, flags: readonly string[]) => {
      const { state } = current.current;
      const evaluation = await evaluateAt(basket, saleId, nowMs, flags, engineInputsOf(state));
      return spendOutcome({ state, lines: basket.lines, evaluation, identification, programs, saleId });
    },
    [evaluateAt, identification, programs],
  );
  const onCodeScan = useCallback((scan: CodeScan) => current.current.onCode?.(scan), []);
  const keep = useCallback((state: SpendState) => {
    current.current = { ...current.current, state };
  }, []);
  const route = useCallback((onCode: (scan: CodeScan) => void) => {
    current.current = { ...current.current, onCode };
  }, []);
  return useMemo(() => ({ keep, route, finalise, onCodeScan }), [finalise, keep, onCodeScan, route]);
}

/** What the engine gets: the coupons its rules judge (vouchers need no rule) and the part paid with points. */
export function engineInputsOf(state: SpendState): SpendInputs {
  const coupons = state.coupons.filter((c) => !isVoucher(c));
  if (coupons.length === 0 && !state.points) return NO_SPEND_INPUTS;
  return { coupons: coupons.map((c) => c.code), pointsPaidCents: state.points?.amountCents ?? 0 };
}

export interface SpendStateHandle {
  state: SpendState;
  dispatch(action: SpendAction): void;
  /** What the engine's basket gets (coupons, the part paid with points), stable while they are. */
  engineInputs: SpendInputs;
}

/** A spend state read back from the basket's extra slot (null or anything else: nothing spent). */
export function spendStateOf(extra: unknown): SpendState {
  if (typeof extra !== 'object' || extra === null) return EMPTY_SPEND;
  const e = extra as Partial<SpendState>;
  return Array.isArray(e.redemptions) && Array.isArray(e.coupons) && Array.isArray(e.giftCards)
    ? { redemptions: e.redemptions, coupons: e.coupons, points: e.points ?? null, giftCards: e.giftCards }
    : EMPTY_SPEND;
}

/**
 * `extra`/`setExtra`: the open basket's opaque slot (H5's basket store), persisted, parked, recalled
 * and voided with the basket — so a reload keeps the spend, a park or void releases what it
 * reserved, and a recall brings it back. Whatever the slot holds when it changes from outside is
 * taken as the state.
 */
export function useSpendState(
  extra: unknown,
  setExtra: (extra: unknown) => void,
  memberKey: string | null,
  link: SpendLink,
): SpendStateHandle {
  const [state, dispatch] = useReducer(spendReducer, extra, spendStateOf);
  const written = useRef<unknown>(extra);

  // The slot changed from outside (a recall, a void, a completed sale, a restore): follow it.
  useEffect(() => {
    if (extra === written.current) return;
    written.current = extra;
    dispatch({ type: 'restore', state: spendStateOf(extra) });
  }, [extra]);

  useEffect(() => {
    link.keep(state);
    const empty = state === EMPTY_SPEND;
    const next = empty ? null : state;
    if (next === written.current || (empty && written.current == null)) return;
    written.current = next;
    setExtra(next);
  }, [link, setExtra, state]);

  // Another member (or none): their rewards and points are not this one's.
  const member = useRef(memberKey);
  useEffect(() => {
    if (member.current === memberKey) return;
    const before = member.current;
    member.current = memberKey;
    if (before !== null) dispatch({ type: 'release-member' });
  }, [memberKey]);

  const engineInputs = useMemo(
    () => engineInputsOf({ ...EMPTY_SPEND, coupons: state.coupons, points: state.points }),
    [state.coupons, state.points],
  );
  return { state, dispatch, engineInputs };
}
