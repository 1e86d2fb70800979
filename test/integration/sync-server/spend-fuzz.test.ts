import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exceptionsReport } from '../../../sync-server/src/domain/admin-reports';
import { issueGiftCard } from '../../../sync-server/src/domain/gift-cards/issue';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal, type PushOutcome } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import {
  ADMIT,
  ODD_CODES,
  variantArb,
  type Built,
  type Doc,
  type Variant,
  type World,
} from './support/fuzz-spend-variants';
import { FuzzTill } from './support/fuzz-spend';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * The spending of issue 9 attacked with schema-valid extremes (support/fuzz-spend.ts): chains of
 * sale v5 at every bound, returns of sales that never come, transfers between unknown members,
 * overrides for sales that never arrive, one past each bound. What an operator would notice: a
 * push that throws (the till retries forever), a document neither stored nor refused, a refusal
 * without a path, a fold that fails, a retry that adds rows or exceptions, a balance that is not
 * the sum of its ledger, and a till that cannot sell on.
 */

const SEED = Number(process.env.SPEND_FUZZ_SEED ?? 20_261_201);
const STORE = 's1';
const NOW = Date.UTC(2026, 10, 25, 12);
const bodyOf = (d: Doc) => {
  const { hash: _h, _deleted: _f, ...covered } = d;
  return canonicalize(covered) as string;
};
const member = (memberId: string) => ({
  memberId,
  homeStoreId: STORE,
  fullName: 'Ådne Ø\u202E 🧀',
  email: null,
  phoneHash: null,
  phoneLast3: null,
  tier: null,
  segments: [],
  birthday: null,
  enrolledAt: 1,
  optedIn: true,
  cards: [],
});

const PLAIN: Variant = {
  k: 'sale',
  lines: 2,
  member: 0,
  tenders: ['cash'],
  redemptions: 0,
  coupons: 0,
  sameCoupon: false,
  coupon: 0,
  issued: 0,
  overrides: 'none',
  earn: 10,
  sign: 1,
  over: 'none',
};

describe.each([
  [sqliteAdapter(), Number(process.env.SPEND_FUZZ_RUNS ?? 40)],
  [postgresAdapter(), Number(process.env.SPEND_FUZZ_PG_RUNS ?? 8)],
])('spend fuzz: extreme spending events against pushJournal ($name)', (adapter: AdapterUnderTest, runs) => {
  let s: Storage;
  let run = 0;
  const worlds: { world: World; tills: FuzzTill[] }[] = [];
  beforeAll(async () => {
    await adapter.setup();
    s = await adapter.open();
    await s.transaction((tx) => tx.stores.upsert(amsterdamStore(STORE), 1));
  });
  afterAll(async () => {
    await s.close();
    await adapter.teardown();
  });

  async function newWorld(): Promise<{ world: World; tills: [FuzzTill, FuzzTill] }> {
    run++;
    const members = [`M${run}-a`, `M${run}-${'b'.repeat(50)}`] as const;
    const tills = [`F${run}a`, `F${run}-${'x'.repeat(40)}`];
    await s.transaction(async (tx) => {
      await tx.members.upsert(members.map(member));
      for (const t of tills) await tx.terminals.insert(pairedTerminal({ terminalId: t, storeId: STORE }, t));
    });
    const cards: string[] = [];
    for (const [kind, amountCents, currency] of [
      ['gift-card', 10_000, undefined],
      ['gift-card', 0, undefined],
      ['store-credit', 500, 'USD'],
    ] as const) {
      const r = await issueGiftCard(
        s,
        {
          kind,
          amountCents,
          storeId: STORE,
          key: `fuzz-${run}-${cards.length}`,
          ...(currency ? { currency } : {}),
        },
        NOW,
      );
      if (!r.ok) throw new Error(r.message);
      cards.push(r.value.code);
    }
    const world = { members, cards, coupons: [...ODD_CODES, `C${run}`] };
    const sales: Doc[] = [];
    const overrides: string[] = [];
    const made = {
      world,
      tills: [
        new FuzzTill(tills[0] as string, STORE, world, sales, overrides),
        new FuzzTill(tills[1] as string, STORE, world, sales, overrides),
      ] as [FuzzTill, FuzzTill],
    };
    worlds.push(made);
    return made;
  }

  async function push(till: FuzzTill, built: readonly Built[], now = NOW): Promise<PushOutcome> {
    const rows = built.map((b) => ({ assumedMasterState: null, newDocumentState: b.doc }));
    let r: Awaited<ReturnType<typeof pushJournal>>;
    try {
      r = await pushJournal(s, till, rows as never, now);
    } catch (e) {
      throw new Error(`pushJournal threw: ${String(e)}\n${built.map((b) => b.label).join('\n')}`);
    }
    expect(r.ok, JSON.stringify(r).slice(0, 500)).toBe(true);
    const outcome = (r as { ok: true; value: PushOutcome }).value;
    const why = built.map((b, i) => `${i}: ${b.label} → ${JSON.stringify(b.expect)}`).join('\n');
    expect(
      outcome.accepted + outcome.duplicates + outcome.conflicts.length + outcome.refused.length,
      why,
    ).toBe(built.length);
    expect(outcome.conflicts, why).toEqual([]);
    expect(outcome.foldFailures, why).toBe(0);
    const refused = built.filter((b) => b.expect.fate === 'refuse');
    expect(
      outcome.refused.map((r) => ({ id: r.id, reason: r.reason, path: r.path })),
      `${why}\n${JSON.stringify(outcome.refused.map((r) => r.message))}`,
    ).toEqual(
      refused.map((b) => {
        const e = b.expect as { reason: string; path: string };
        return { id: b.doc.id, reason: e.reason, path: e.path };
      }),
    );
    for (const r of outcome.refused) {
      expect(r.message.trim().length, r.message).toBeGreaterThan(10);
      expect(r.message.length, r.message).toBeLessThan(600);
    }
    // Nothing accepted is lost: the journal holds every admitted document as it was sent.
    const admitted = built.filter((b) => b.expect.fate === 'admit');
    const stored = new Map(
      (
        await s.journal.byIds(
          till.terminalId,
          admitted.map((b) => b.doc.id as string),
        )
      ).map((r) => [r.id, r]),
    );
    for (const b of admitted) expect(stored.get(b.doc.id as string)?.body, b.label).toBe(bodyOf(b.doc));
    return outcome;
  }

  /** What a retry must not change: ledger rows, gift-card rows, exceptions, balances. */
  async function snapshot(world: World, tills: readonly FuzzTill[]) {
    const memberIds = [...world.members, 'U'.repeat(64)];
    const ledger = await Promise.all(
      memberIds.map(async (m) => (await s.ledger.ofMember(m, 100_000)).length),
    );
    const cards = await Promise.all(world.cards.map(async (c) => (await s.giftCards.moves(c)).length));
    const balances = await Promise.all(world.members.map(async (m) => (await s.members.get(m))?.balance));
    const cardBalances = await Promise.all(
      world.cards.map(async (c) => (await s.giftCards.get(c))?.balanceCents),
    );
    const exceptions = (await s.exceptions.list({ limit: 1_000_000 })).length;
    const perTill = await Promise.all(
      tills.map(async (t) => (await exceptionsReport(s, { terminalId: t.terminalId })).exceptions.length),
    );
    return { ledger, cards, balances, cardBalances, exceptions, perTill };
  }

  async function sumsHold(world: World, tills: readonly FuzzTill[]) {
    for (const m of world.members) {
      const sum = (await s.ledger.sums(m)).get('points') ?? 0;
      expect((await s.members.get(m))?.balance, `balance of ${m} = Σ its ledger`).toBe(sum);
    }
    for (const c of world.cards) {
      const sum = (await s.giftCards.moves(c)).reduce((a, r) => a + r.amount_cents, 0);
      expect((await s.giftCards.get(c))?.balanceCents, `card ${c} = Σ its moves`).toBe(sum);
    }
    for (const t of tills) expect(await s.foldFailures.list({ terminalId: t.terminalId })).toEqual([]);
  }

  it(
    'any chain of extreme spending events on two tills, pushed in either order: never throws, every event ' +
      'accepted, parked or refused at its path, folds never fail, a retry changes nothing, balances are Σ ' +
      'ledger, and the next sale is accepted and folded',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ till: fc.constantFrom(0, 1), v: variantArb }), {
            minLength: 1,
            maxLength: 12,
          }),
          fc.boolean(),
          async (plan, aFirst) => {
            const { world, tills } = await newWorld();
            for (const { till, v } of plan) tills[till]?.add(v);
            const order = aFirst ? tills : ([tills[1], tills[0]] as const);

            for (const t of order) await push(t, t.built);
            await sumsHold(world, tills);

            // The same batches again (a till that never saw the answer): nothing changes.
            const before = await snapshot(world, tills);
            for (const t of order) {
              const again = await push(t, t.built, NOW + 1);
              expect(again.accepted).toBe(0);
            }
            expect(await snapshot(world, tills)).toEqual(before);
            await sumsHold(world, tills);

            // Neither till is blocked: its next ordinary sale (10 points earned) is accepted and folded.
            for (const t of tills) {
              const balance = (await s.members.get(world.members[0]))?.balance as number;
              const next = t.add(PLAIN);
              expect(next.expect).toEqual(ADMIT);
              const out = await push(t, [next]);
              expect(out).toMatchObject({ accepted: 1, refused: [], foldFailures: 0 });
              expect((await s.members.get(world.members[0]))?.balance).toBe(balance + 10);
            }
            await sumsHold(world, tills);
          },
        ),
        { seed: SEED, numRuns: runs, endOnFailure: false },
      );

      // A refold of the spending projections (an operator's repair) finds the same rows and raises
      // nothing new, for every run's members, cards and tills. Not yet 'coupons': its refold folds
      // one till's stream after another, so a code used at three tills, or given back by another
      // till's return, raises coupon-reused pairs the pushes never raised (a known bug).
      const all = async () => Promise.all(worlds.map((w) => snapshot(w.world, w.tills)));
      const before = await all();
      for (const name of ['ledger', 'gift-cards', 'returns', 'overrides']) {
        expect(await refoldProjection(s, name, NOW + 2), name).toMatchObject({ ok: true });
      }
      expect(await all()).toEqual(before);
      for (const w of worlds) await sumsHold(w.world, w.tills);
      // No till's gift-card-issued made a card.
      expect(await s.giftCards.get('FREE')).toBeUndefined();
    },
    600_000,
  );
});
