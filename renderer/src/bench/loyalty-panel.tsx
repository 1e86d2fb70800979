import { useLayoutEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import type { MemberDoc } from '../../../core/loyalty/member-doc';
import type { ProgramDoc } from '../../../core/loyalty/program-doc';
import type { StoreSettings } from '../../../core/store/store-settings';
import { createKassaDatabase, type ProductDoc } from '../db/database';
import {
  addProduct,
  changeQuantity,
  EMPTY_BASKET,
  removeLine,
  type Basket,
} from '../features/checkout/basket';
import { BasketLines } from '../features/checkout/BasketLines';
import { LoyaltySummary } from '../features/members/LoyaltySummary';
import type { Identification } from '../features/members/identify';
import { createProgramCompiler, evaluateSale, lineDiscounts } from '../features/members/sale-loyalty';
import { useLiveEvaluation, useLoyaltyInputs } from '../features/members/useLoyalty';
import type { TerminalSession } from '../session/terminal-session';

/**
 * Basket change → the loyalty evaluation on screen, on the till's own hooks: programs replicated
 * into RxDB and compiled once per version by useLoyaltyInputs, the open basket evaluated by
 * useLiveEvaluation, and the basket lines and LoyaltySummary rendered as CheckoutScreen wires them.
 * The clock starts when the new basket is handed to React (as a scan's lookup resolving does) and
 * stops in a layout effect of the commit that shows the change's evaluation with every line's
 * catalogue details known (a product new to the till is read from RxDB first, as at the till):
 * DOM written, before paint.
 */
export type PanelMode = 'cached' | 'recompile';

export interface PanelSetup {
  store: StoreSettings;
  programs: ProgramDoc[];
  products: ProductDoc[];
  member: MemberDoc;
  /** The till's clock, fixed so day and hour rules behave the same every run. */
  at: number;
}

export interface PanelSample {
  mode: PanelMode;
  ms: number;
  /** A product the till had not read yet was in the change (its details came from RxDB). */
  productRead: boolean;
  /** The evaluation alone (evaluateSale on the compiled programs, no React), same basket, just after. */
  evaluateMs: number;
  lines: number;
  /** Rules that fired on this basket (a check that the rules are doing work). */
  firing: number;
}

interface Change {
  rev: number;
  basket: Basket;
  mode: PanelMode;
}

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

function Panel({
  setup,
  session,
  change,
  onCommit,
}: {
  setup: PanelSetup;
  session: TerminalSession;
  change: Change;
  onCommit(rev: number, firing: number, programs: number): void;
}) {
  const { store, member, at, programs: docs } = setup;
  const identification = useMemo<Identification>(
    () => ({ kind: 'member', memberId: member.memberId, via: 'card', card: member.cards[0] ?? null }),
    [member],
  );
  const inputs = useLoyaltyInputs(session, store, identification, member);
  // The alternative: the same programs parsed and compiled again for every basket change.
  const programs = useMemo(
    () => (change.mode === 'recompile' ? createProgramCompiler().compile(docs) : inputs.programs),
    [change, docs, inputs.programs],
  );
  const clock = useMemo(() => () => at, [at]);
  const evaluation = useLiveEvaluation(
    { ...inputs, programs },
    store,
    change.basket,
    `bench-sale-${change.rev}`,
    identification,
    member,
    clock,
  );
  const complete = change.basket.lines.every((l) => inputs.products.has(l.productId));
  useLayoutEffect(() => {
    if (complete) onCommit(change.rev, evaluation.usage.length, inputs.programs.length);
  });
  const noop = () => undefined;
  return (
    <div id="bench-panel" data-rev={change.rev} data-complete={String(complete)}>
      <BasketLines
        lines={change.basket.lines}
        currency={store.currency}
        locale={store.locale}
        onIncrement={noop}
        onDecrement={noop}
        onRemove={noop}
        discounts={lineDiscounts(evaluation)}
      />
      <LoyaltySummary evaluation={evaluation} locale={store.locale} />
    </div>
  );
}

/** A cashier's basket: mostly scans (a repeat scan adds one), some +/− and removals; up to `maxLines`. */
function nextBasket(basket: Basket, products: readonly ProductDoc[], rnd: () => number, n: number): Basket {
  const k = rnd();
  const lines = basket.lines;
  if (lines.length > 0 && k < 0.15)
    return changeQuantity(basket, lines[Math.floor(rnd() * lines.length)]!.lineId, +1);
  if (lines.length > 1 && k < 0.25) {
    const line = lines[Math.floor(rnd() * lines.length)]!;
    return line.quantity > 1 ? changeQuantity(basket, line.lineId, -1) : removeLine(basket, line.lineId);
  }
  const p = products[Math.floor(rnd() * products.length)]!;
  const r = addProduct(
    basket,
    p,
    { kind: 'gtin', symbology: 'ean13', gtin: p.code, lookupCode: p.code },
    `l${n}`,
  );
  return r.ok ? r.value : basket;
}

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * `changes` basket changes, each given a mode by `modeOf(i)`, one at a time with a frame between
 * them (a cashier scans a few times a second at most). Baskets restart empty after `maxLines`.
 */
export async function loyaltyPanel(
  setup: PanelSetup,
  changes: number,
  maxLines: number,
  modes: readonly PanelMode[],
): Promise<{ samples: PanelSample[]; compiledRules: number }> {
  const db = await createKassaDatabase(`bench-loyalty-${Date.now()}`, 'relaxed');
  await db.programs.bulkInsert(setup.programs.map(({ _deleted: _, ...d }) => d));
  await db.products.bulkInsert(setup.products);
  const session = { db } as unknown as TerminalSession;
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);

  let committed = { rev: -1, at: 0, firing: 0, programs: 0 };
  let waiting: { rev: number; resolve(): void } | undefined;
  const onCommit = (rev: number, firing: number, programs: number) => {
    if (rev === committed.rev) committed.programs = programs;
    if (rev <= committed.rev) return;
    committed = { rev, at: performance.now(), firing, programs };
    if (waiting && waiting.rev === rev) waiting.resolve();
  };
  const render = (change: Change) =>
    root.render(<Panel setup={setup} session={session} change={change} onCommit={onCommit} />);
  const committedRev = (rev: number) =>
    new Promise<void>((resolve, reject) => {
      if (committed.rev >= rev) return resolve();
      const timer = setTimeout(() => reject(new Error(`change ${rev} never reached the screen`)), 10_000);
      waiting = {
        rev,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
    });

  // The programs arrive through RxDB's query as at the till; wait until they are compiled.
  const compiler = createProgramCompiler();
  const compiled = compiler.compile(setup.programs);
  const compiledRules = compiled.reduce((n, p) => n + p.program.rules.length, 0);
  render({ rev: 0, basket: EMPTY_BASKET, mode: 'cached' });
  await committedRev(0);
  const programIds = new Set(setup.programs.map((d) => d.programId)).size;
  for (let i = 0; committed.programs < programIds; i++) {
    if (i > 500) throw new Error(`useLoyaltyInputs compiled ${committed.programs} of ${programIds} programs`);
    await frame();
  }
  const details = new Map(setup.products.map((p) => [p.id, p]));

  const rnd = prng(7);
  const seen = new Set<string>();
  const samples: PanelSample[] = [];
  let basket = EMPTY_BASKET;
  for (let i = 1; i <= changes; i++) {
    if (basket.lines.length >= maxLines) basket = EMPTY_BASKET; // the sale completed; not timed
    basket = nextBasket(basket, setup.products, rnd, i);
    const productRead = basket.lines.some((l) => !seen.has(l.productId));
    for (const l of basket.lines) seen.add(l.productId);
    const mode = modes[i % modes.length]!;
    await frame();
    const t0 = performance.now();
    render({ rev: i, basket, mode });
    await committedRev(i);
    const ms = committed.at - t0;
    const e0 = performance.now();
    evaluateSale({
      saleId: `bench-sale-${i}`,
      currency: setup.store.currency,
      lines: basket.lines,
      product: (id) => details.get(id),
      identification: { kind: 'member', memberId: setup.member.memberId, via: 'card', card: null },
      memberDoc: setup.member,
      programs: compiled,
      store: setup.store,
      at: setup.at,
    });
    const evaluateMs = performance.now() - e0;
    samples.push({ mode, ms, productRead, evaluateMs, lines: basket.lines.length, firing: committed.firing });
  }
  root.unmount();
  container.remove();
  await db.remove();
  return { samples, compiledRules };
}
