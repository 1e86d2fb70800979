import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '../../../core/journal/hash-chain';
import {
  GENESIS_HASH,
  type LoyaltyEntry,
  type SaleEvent,
  type SaleLoyalty,
} from '../../../core/journal/sale-event';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { makeSale } from './support/sale-events';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * The ledger projection as a property (issue 8, "Tests"): random sales with loyalty for a few
 * members — earning and spending points, stamps, challenge progress and badges, of a program with
 * a return window (pending) and one without; sales on a provisional card that belongs to a member;
 * sales on a card nobody has; anonymous sales — from three terminals of two stores, pushed in
 * random batches with duplicates, reordered across batches, retried, with refolds in between.
 * After every push: each member's balance + pending = Σ of their 'points' rows, pending = Σ of
 * their pending rows, lifetime earned = Σ of their positive 'points' rows, appliedThrough[T] = the
 * highest seq of their sales folded from T, one purchase per sale, every delivered row exactly
 * once and none that was not delivered. A refold of the ledger gives the same rows, the same
 * member figures and the same member_seen rows (serverSeq aside).
 */

const SEED = 20_261_126;
const NOW = Date.UTC(2026, 10, 26, 12);
const RUNS: Record<AdapterUnderTest['name'], number> = { sqlite: 40, postgres: 20 };

const TERMINALS = [
  { terminalId: 'T1', storeId: 's1' },
  { terminalId: 'T2', storeId: 's1' },
  { terminalId: 'T3', storeId: 's2' },
] as const;
const MEMBERS = ['M1', 'M2', 'M3'] as const;
/** Cards: two of them M2's, the last one nobody's (its rows wait under the card). */
const CARDS = [
  { card: '2620000000019', memberId: 'M1' },
  { card: '2620000000026', memberId: 'M2' },
  { card: '7083000000024', memberId: 'M2' },
  { card: '2620000000099', memberId: null },
] as const;
const ACCOUNTS = ['points', 'points', 'points', 'stamps:coffee', 'challenge:c1', 'badges:b1'] as const;

const program = (id: string, pendingDays?: number) => ({
  programId: id,
  version: 1,
  body: {
    id,
    version: 1,
    name: `Punten ${id}`,
    kind: 'points',
    status: 'active',
    ...(pendingDays ? { pendingDays } : {}),
    rules: [
      {
        id: 'base',
        name: '1 per euro',
        then: [{ type: 'points-per-amount', points: 1, perCents: 100, rounding: 'down' }],
      },
    ],
  },
  scopeStores: null,
});

// ————————————————————————————————————————— the scenario

interface RowSpec {
  program: 'p' | 'pend';
  account: (typeof ACCOUNTS)[number];
  rule: 'base' | 'bonus' | 'spend';
  amount: number;
}
type Who = { kind: 'member'; member: number } | { kind: 'card'; card: number } | { kind: 'anon' };
interface SaleSpec {
  terminal: number;
  who: Who;
  rows: RowSpec[];
}
type Step = { kind: 'push'; terminal: number; picks: number[]; retry: boolean } | { kind: 'refold' };

const rowArb: fc.Arbitrary<RowSpec> = fc.record({
  program: fc.constantFrom('p', 'pend'),
  account: fc.constantFrom(...ACCOUNTS),
  rule: fc.constantFrom('base', 'bonus', 'spend'),
  amount: fc.integer({ min: -300, max: 600 }),
});
const whoArb: fc.Arbitrary<Who> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('member' as const), member: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('card' as const), card: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anon' as const) }) },
);
const saleArb: fc.Arbitrary<SaleSpec> = fc.record({
  terminal: fc.nat(2),
  who: whoArb,
  rows: fc.array(rowArb, { maxLength: 4 }),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      terminal: fc.nat(2),
      // Indexes into the terminal's sales (mod their count): duplicates and any order.
      picks: fc.array(fc.nat(40), { minLength: 1, maxLength: 8 }),
      retry: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'refold' as const }) },
);
const scenarioArb = fc.record({
  sales: fc.array(saleArb, { minLength: 1, maxLength: 24 }),
  steps: fc.array(stepArb, { maxLength: 8 }),
});

// ————————————————————————————————————————— building the events

interface Built {
  event: SaleEvent;
  /** The member the rows belong to (by id or by card); null when nobody. */
  owner: string | null;
}

function entryOf(saleId: string, r: RowSpec, i: number): LoyaltyEntry {
  return {
    id: `${saleId}/${r.program}@1/${r.rule}/${i}/${r.account}`,
    account: r.account,
    unit: r.account === 'points' ? 'points' : r.account.split(':')[0]!,
    amount: r.amount,
    programId: r.program,
    programVersion: 1,
    ruleId: r.rule,
    text: `${r.rule} ${r.amount}`,
  };
}

/** Each terminal's chain, in seq order, with the member each sale's rows belong to. */
function build(sales: readonly SaleSpec[]): Built[][] {
  const chains: Built[][] = TERMINALS.map(() => []);
  for (const spec of sales) {
    const t = TERMINALS[spec.terminal]!;
    const chain = chains[spec.terminal]!;
    const prev = chain[chain.length - 1]?.event;
    const base = makeSale({ ...t, seq: chain.length + 1, prevHash: prev?.hash ?? GENESIS_HASH });
    const { hash: _h, ...unsealed } = base;
    let loyalty: SaleLoyalty | null = null;
    let owner: string | null = null;
    if (spec.who.kind !== 'anon') {
      const card = spec.who.kind === 'card' ? CARDS[spec.who.card]! : undefined;
      const memberId = spec.who.kind === 'member' ? MEMBERS[spec.who.member]! : null;
      owner = memberId ?? card?.memberId ?? null;
      const ledger = spec.rows.map((r, i) => entryOf(base.id, r, i));
      loyalty = {
        memberId,
        provisionalCard: card?.card ?? null,
        programs: [...new Set(ledger.map((e) => e.programId))].map((programId) => ({
          programId,
          version: 1,
        })),
        ledger,
      };
    }
    const doc = { ...unsealed, memberId: loyalty?.memberId ?? null, loyalty };
    chain.push({ event: { ...doc, hash: eventHash(doc) } as SaleEvent, owner });
  }
  return chains;
}

const rowsOf = (events: readonly SaleEvent[]) =>
  events.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, _deleted: false } }));

// ————————————————————————————————————————— what the storage holds

async function allLedgerRows(s: Storage) {
  const rows = await s.kysely.selectFrom('ledger_entries').selectAll().orderBy('entry_id').execute();
  return rows.map((r) => ({
    ...r,
    amount: Number(r.amount),
    server_seq: Number(r.server_seq),
    seq: Number(r.seq),
    created_at: Number(r.created_at),
  }));
}
async function memberSeen(s: Storage) {
  return (
    await s.kysely.selectFrom('member_seen').selectAll().orderBy('member_id').orderBy('store_id').execute()
  ).map((r) => ({ ...r, last_seen_at: Number(r.last_seen_at) }));
}
/**
 * Every member record, serverSeq aside. `inFoldOrder` visits: as stored; otherwise sorted by time
 * (a refold folds stream by stream, so it appends visits in another order than the pushes did —
 * see the known divergences below).
 */
async function figures(s: Storage, visitsAsStored: boolean) {
  const out: Record<string, unknown> = {};
  for (const m of MEMBERS) {
    const r = await s.members.get(m);
    if (!r) throw new Error(`member ${m} is gone`);
    const visits = visitsAsStored
      ? r.counters.visits
      : [...r.counters.visits].sort((a, b) => a.at - b.at || a.spendCents - b.spendCents);
    out[m] = { ...r, serverSeq: 0, counters: { ...r.counters, visits } };
  }
  return out;
}
/** Everything the ledger projection owns, as one canonical string: rows, figures, seen-at. */
async function snapshot(s: Storage) {
  return {
    ledger: canonicalize(await allLedgerRows(s)) as string,
    figures: canonicalize(await figures(s, true)) as string,
    seen: canonicalize(await memberSeen(s)) as string,
  };
}

/** The invariants, against what was delivered so far (each event once, whatever the pushes). */
async function checkInvariants(s: Storage, delivered: ReadonlyMap<string, Built>) {
  const rows = await allLedgerRows(s);
  const ids = rows.map((r) => r.entry_id);
  expect(new Set(ids).size, 'a ledger row id twice').toBe(ids.length);
  const expected = [...delivered.values()]
    .flatMap((b) =>
      (b.event.loyalty?.ledger ?? []).map((e) => ({
        entry_id: e.id,
        member_id: b.owner,
        amount: e.amount,
        account: e.account,
      })),
    )
    .sort((a, b) => (a.entry_id < b.entry_id ? -1 : 1));
  expect(
    rows.map((r) => ({ entry_id: r.entry_id, member_id: r.member_id, amount: r.amount, account: r.account })),
    'every delivered row once, no other',
  ).toEqual(expected);

  for (const m of MEMBERS) {
    const member = await s.members.get(m);
    if (!member) throw new Error(`member ${m} is gone`);
    const sums = await s.ledger.sums(m);
    const mine = rows.filter((r) => r.member_id === m && r.account === 'points');
    const pending = mine.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amount, 0);
    const lifetime = mine.reduce((n, r) => n + Math.max(0, r.amount), 0);
    const sales = [...delivered.values()].filter((b) => b.owner === m);
    const through: Record<string, number> = {};
    for (const { event } of sales) {
      through[event.terminalId] = Math.max(through[event.terminalId] ?? 0, event.seq);
    }
    expect(
      {
        balancePlusPending: member.balance + member.pendingPoints,
        pending: member.pendingPoints,
        lifetimeEarned: member.lifetimeEarned,
        appliedThrough: member.appliedThrough,
        purchases: member.counters.purchaseCount,
        visits: member.counters.visits.length,
      },
      `figures of ${m}`,
    ).toEqual({
      balancePlusPending: sums.get('points') ?? 0,
      pending,
      lifetimeEarned: lifetime,
      appliedThrough: through,
      purchases: sales.length,
      visits: sales.length,
    });
  }
}

// ————————————————————————————————————————— the property

describe.each([sqliteAdapter(), postgresAdapter()])('ledger fold properties: $name', (adapter) => {
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());

  async function freshStorage(): Promise<Storage> {
    const s = await adapter.open();
    await s.transaction(async (tx) => {
      for (const storeId of ['s1', 's2']) {
        await tx.stores.upsert(
          {
            storeId,
            name: `Winkel ${storeId}`,
            currency: 'EUR',
            timeZone: 'Europe/Amsterdam',
            locale: 'nl-NL',
            variableMeasure: [],
          },
          1,
        );
      }
      for (const t of TERMINALS) {
        await tx.terminals.insert({ ...t, name: null, tokenHash: `h-${t.terminalId}`, pairedAt: 1 });
      }
      await tx.members.upsert(
        MEMBERS.map((memberId, i) => ({
          memberId,
          homeStoreId: i === 2 ? 's2' : 's1',
          fullName: `Lid ${memberId}`,
          enrolledAt: 1,
          optedIn: true,
          cards: CARDS.filter((c) => c.memberId === memberId).map((c) => c.card),
        })),
      );
      for (const p of [program('p'), program('pend', 14)]) {
        await tx.programs.publish(p, 1, (v) => canonicalize(v) as string);
      }
    });
    return s;
  }

  async function runScenario(scenario: { sales: SaleSpec[]; steps: Step[] }): Promise<void> {
    const s = await freshStorage();
    try {
      const chains = build(scenario.sales);
      const delivered = new Map<string, Built>();
      let last: Built[] = [];
      const push = async (terminal: number, batch: readonly Built[]) => {
        const r = await pushJournal(s, TERMINALS[terminal]!, rowsOf(batch.map((b) => b.event)), NOW);
        if (!r.ok) throw new Error(`push refused: ${r.reason}`);
        expect(r.value, 'nothing refused, no fold failure').toMatchObject({
          refused: [],
          conflicts: [],
          foldFailures: 0,
        });
        for (const b of batch) delivered.set(b.event.id, b);
        await checkInvariants(s, delivered);
      };
      const refold = async () => {
        const before = await snapshot(s);
        const r = await refoldProjection(s, 'ledger', NOW);
        expect(r.ok).toBe(true);
        const after = await snapshot(s);
        expect(after.ledger, 'ledger rows after a refold').toBe(before.ledger);
        expect(after.figures, 'member figures after a refold').toBe(before.figures);
        expect(after.seen, 'member_seen after a refold').toBe(before.seen);
        // What a refold leaves: the last time each member shopped at each store.
        const seen = new Map<string, { member_id: string; store_id: string; last_seen_at: number }>();
        for (const { event, owner } of delivered.values()) {
          if (owner === null) continue;
          const k = `${owner}/${event.storeId}`;
          const at = Math.max(seen.get(k)?.last_seen_at ?? 0, event.createdAt);
          seen.set(k, { member_id: owner, store_id: event.storeId, last_seen_at: at });
        }
        expect(await memberSeen(s), 'member_seen: the last visit').toEqual(
          [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v),
        );
        await checkInvariants(s, delivered);
      };
      for (const step of scenario.steps) {
        if (step.kind === 'refold') {
          await refold();
          continue;
        }
        const chain = chains[step.terminal]!;
        if (chain.length === 0) continue;
        const batch = step.picks.map((i) => chain[i % chain.length]!);
        await push(step.terminal, batch);
        if (step.retry) await push(step.terminal, batch); // the answer was lost: the same batch again
        last = batch;
      }
      // The tills drain their queues (in seq order, as a till pushes), one more retry, a refold.
      for (const [t, chain] of chains.entries()) if (chain.length > 0) await push(t, chain);
      if (last.length > 0)
        await push(
          TERMINALS.findIndex((t) => t.terminalId === last[0]!.event.terminalId),
          last,
        );
      await refold();
    } finally {
      await s.close();
    }
  }

  /** A fixed scenario, folded by its pushes, then refolded: the strict snapshots before and after. */
  async function pushThenRefold(sales: SaleSpec[], pushes: { terminal: number; seqs: number[] }[]) {
    const s = await freshStorage();
    try {
      const chains = build(sales);
      for (const p of pushes) {
        const batch = p.seqs.map((q) => chains[p.terminal]![q - 1]!.event);
        const r = await pushJournal(s, TERMINALS[p.terminal]!, rowsOf(batch), NOW);
        expect(r).toMatchObject({ ok: true, value: { refused: [], foldFailures: 0 } });
      }
      const before = await snapshot(s);
      const seenBefore = await memberSeen(s);
      await refoldProjection(s, 'ledger', NOW);
      return { before, after: await snapshot(s), seenBefore, chains };
    } finally {
      await s.close();
    }
  }
  const m1 = (terminal: number): SaleSpec => ({ terminal, who: { kind: 'member', member: 0 }, rows: [] });

  // Divergences the property found, fixed: each stays as a test of its own.

  it('member_seen keeps the last visit when an older sale arrives later', async () => {
    // T1 seq 1 at 09:01, seq 2 at 09:02; the till pushes seq 2 first, then both (a retry).
    const { seenBefore, chains } = await pushThenRefold(
      [m1(0), m1(0)],
      [
        { terminal: 0, seqs: [2] },
        { terminal: 0, seqs: [1, 2] },
      ],
    );
    // Observed: 09:01 — members.markSeen overwrites last_seen_at instead of keeping the max.
    expect(seenBefore).toEqual([
      { member_id: 'M1', store_id: 's1', last_seen_at: chains[0]![1]!.event.createdAt },
    ]);
  });

  it('a refold gives the same visits as the pushes did', async () => {
    // M1 buys on T1 (seq 1, 09:01), T2 (seq 3, 09:03), T1 (seq 2, 09:02), each pushed as it happens.
    const anon = (terminal: number): SaleSpec => ({ terminal, who: { kind: 'anon' }, rows: [] });
    const { before, after } = await pushThenRefold(
      [m1(0), anon(1), anon(1), m1(1), m1(0)],
      [
        { terminal: 0, seqs: [1] },
        { terminal: 1, seqs: [3] },
        { terminal: 0, seqs: [2] },
      ],
    );
    // Observed: visits at [09:01, 09:03, 09:02] after the pushes; after the refold, which folds
    // stream by stream, [09:01, 09:02, 09:03] or [09:03, 09:01, 09:02]. All else is equal.
    expect(after.figures).toBe(before.figures);
  });

  // A sale whose ledger lists one entry id twice is admitted; the row is stored once (ON CONFLICT
  // DO NOTHING) but figuresAfterSale gets both entries (filter by `fresh.has(id)`): observed
  // balance 100 with one ledger row of 50, expected 50 (or the sale refused).
  it('a sale that lists the same ledger entry twice books it once', async () => {
    const s = await freshStorage();
    try {
      const [chain] = build([{ terminal: 0, who: { kind: 'member', member: 0 }, rows: [] }]);
      const { hash: _h, ...sale } = chain![0]!.event;
      const e = entryOf(sale.id, { program: 'p', account: 'points', rule: 'base', amount: 50 }, 0);
      const doc = {
        ...sale,
        loyalty: { ...sale.loyalty!, programs: [{ programId: 'p', version: 1 }], ledger: [e, e] },
      };
      const r = await pushJournal(
        s,
        TERMINALS[0]!,
        rowsOf([{ ...doc, hash: eventHash(doc) } as SaleEvent]),
        NOW,
      );
      expect(r).toMatchObject({ ok: true });
      const refused = r.ok ? r.value.refused.length : 0;
      const member = await s.members.get('M1');
      const sums = await s.ledger.sums('M1');
      expect({ refused, balance: member?.balance, rows: sums.get('points') ?? 0 }).toEqual(
        refused === 0 ? { refused, balance: 50, rows: 50 } : { refused, balance: 0, rows: 0 },
      );
    } finally {
      await s.close();
    }
  });

  it('balance + pending = Σ rows, lifetime = Σ earned, appliedThrough = highest seq; a refold changes nothing', async () => {
    await fc.assert(fc.asyncProperty(scenarioArb, runScenario), {
      seed: SEED,
      numRuns: RUNS[adapter.name],
    });
  }, 600_000);
});
