import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { ProgramDoc } from '../../../../core/loyalty/program-doc';
import type { CompiledProgram, Evaluation } from '../../../../core/rules';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';
import type { Basket } from '../checkout/basket';
import type { SaleLoyaltyOutcome } from '../checkout/useCheckout';
import type { Identification } from './identify';
import {
  createProgramCompiler,
  evaluateSale,
  lineDiscounts,
  saleDonationsOf,
  saleLoyaltyOf,
  type SaleInput,
} from './sale-loyalty';

type ProductDetails = Pick<NonNullable<ReturnType<SaleInput['product']>>, 'category' | 'brand' | 'tags'>;

export interface LoyaltyInputs {
  programs: readonly CompiledProgram[];
  /** Category, brand and tags of products already read from the replica. */
  products: ReadonlyMap<string, ProductDetails>;
  /** Reads the details of products not read yet. */
  loadProducts(ids: readonly string[]): Promise<ReadonlyMap<string, ProductDetails>>;
  finalise(
    basket: Basket,
    saleId: string,
    nowMs: number,
    flags: readonly string[],
  ): Promise<SaleLoyaltyOutcome>;
  /** The sale evaluated at its moment with what it spends (coupons, the points tender): the spend feature's finalise. */
  evaluateAt(
    basket: Basket,
    saleId: string,
    nowMs: number,
    flags: readonly string[],
    spend: SpendInputs,
  ): Promise<Evaluation>;
}

/** What the spend feature adds to the engine's basket. */
export interface SpendInputs {
  coupons: readonly string[];
  pointsPaidCents: number;
}

export const NO_SPEND_INPUTS: SpendInputs = { coupons: [], pointsPaidCents: 0 };

/** The outcome "complete sale" writes, from the evaluation of its basket. */
export function outcomeOf(evaluation: Evaluation, identification: Identification | null): SaleLoyaltyOutcome {
  return {
    loyalty: saleLoyaltyOf(evaluation, identification),
    lineDiscounts: lineDiscounts(evaluation),
    totalCents: evaluation.totals.netCents,
    donations: saleDonationsOf(evaluation),
    toPayCents: evaluation.totals.toPayCents,
    evaluation,
  };
}

/**
 * The programs in the replica (compiled once per version), the catalogue details the rules match
 * lines on, and "complete sale"'s evaluation at the sale's moment.
 */
export function useLoyaltyInputs(
  session: TerminalSession,
  store: StoreSettings,
  identification: Identification | null,
  memberDoc: MemberDoc | undefined,
): LoyaltyInputs {
  const compiler = useMemo(() => createProgramCompiler(), []);
  const [programs, setPrograms] = useState<readonly CompiledProgram[]>([]);
  useEffect(() => {
    const sub = session.db.programs.find().$.subscribe((docs) => {
      setPrograms(compiler.compile(docs.map((d) => ({ ...(d.toJSON() as ProgramDoc), _deleted: false }))));
    });
    return () => sub.unsubscribe();
  }, [compiler, session]);

  const [products, setProducts] = useState<ReadonlyMap<string, ProductDetails>>(new Map());
  const loadProducts = useCallback(
    async (ids: readonly string[]) => {
      const missing = ids.filter((id) => !products.has(id));
      if (missing.length === 0) return products;
      const found = await session.db.products.findByIds([...new Set(missing)]).exec();
      const next = new Map(products);
      for (const [id, d] of found) next.set(id, { category: d.category, brand: d.brand, tags: [...d.tags] });
      setProducts(next);
      return next;
    },
    [products, session],
  );

  const evaluateAt = useCallback(
    async (
      basket: Basket,
      saleId: string,
      nowMs: number,
      flags: readonly string[],
      spend: SpendInputs,
    ): Promise<Evaluation> => {
      const details = await loadProducts(basket.lines.map((l) => l.productId));
      return evaluateSale({
        saleId,
        currency: store.currency,
        lines: basket.lines,
        product: (id) => details.get(id),
        identification,
        memberDoc,
        programs,
        store,
        at: nowMs,
        flags,
        coupons: spend.coupons,
        pointsPaidCents: spend.pointsPaidCents,
      });
    },
    [identification, loadProducts, memberDoc, programs, store],
  );

  const finalise = useCallback(
    async (basket: Basket, saleId: string, nowMs: number, flags: readonly string[]) =>
      outcomeOf(await evaluateAt(basket, saleId, nowMs, flags, NO_SPEND_INPUTS), identification),
    [evaluateAt, identification],
  );

  return { programs, products, loadProducts, finalise, evaluateAt };
}

const NO_FLAGS: readonly string[] = [];

/** The open basket evaluated on every basket or member change, at the injected clock's now. */
export function useLiveEvaluation(
  inputs: LoyaltyInputs,
  store: StoreSettings,
  basket: Basket,
  saleId: string,
  identification: Identification | null,
  memberDoc: MemberDoc | undefined,
  clock: () => number = Date.now,
  /** The customer's choices at the tender (a round-up). */
  flags: readonly string[] = NO_FLAGS,
  /** Coupons scanned and the points tender (the spend feature). */
  spend: SpendInputs = NO_SPEND_INPUTS,
): Evaluation {
  const { loadProducts, products, programs } = inputs;
  useEffect(() => {
    void loadProducts(basket.lines.map((l) => l.productId));
  }, [basket, loadProducts]);
  return useMemo(
    () =>
      evaluateSale({
        saleId,
        currency: store.currency,
        lines: basket.lines,
        product: (id) => products.get(id),
        identification,
        memberDoc,
        programs,
        store,
        at: clock(),
        flags,
        coupons: spend.coupons,
        pointsPaidCents: spend.pointsPaidCents,
      }),
    [basket, clock, flags, identification, memberDoc, products, programs, saleId, spend, store],
  );
}
