import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_BOUNDS as B } from '../../../core/journal/bounds';
import { eventHash } from '../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import {
  errorBodySchema,
  pushRefusedBodySchema,
  syncPaths,
  type JournalPushRow,
  type PairResponse,
} from '../../../core/sync/protocol';
import { exceptionsReport, salesReport } from '../../../sync-server/src/domain/admin-reports';
import { pushJournal, type PushOutcome } from '../../../sync-server/src/domain/push/push-journal';
import type { StoredJournalEvent } from '../../../sync-server/src/storage/repos/journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { startTestSyncServer, type TestSyncServer } from '../../support/sync-server';
import { call, pairNewTerminal } from './support/http';
import { makeSale, makeSaleV1, saleChain } from './support/sale-events';
import { sqliteAdapter } from './support/storages';

/**
 * The push attacked the way a hostile or buggy till would: schema-valid extremes (every bound of
 * core/journal/bounds.ts exactly), one step past each bound, unknown types and versions, deletions,
 * duplicated ids and seqs, unknown fields of every awkward shape, and forged hashes. What is
 * checked is what an operator would notice: a push that throws (a 500 and a till stuck forever),
 * a document that is neither stored nor refused, a refusal nobody can read, a stored event that is
 * not what the till sent, a sales total that is off, a retry that adds rows or exceptions, and a
 * till that cannot push its next sale.
 */

const SEED = 20_261_125;
const RUNS = 300;
const STORE = 's1';
const NOW = Date.UTC(2026, 10, 25, 12);

type Doc = Record<string, unknown>;
const reseal = (d: Doc): Doc => ({ ...d, hash: eventHash(d) });
/** An own property even for '__proto__' (as JSON.parse makes it), not a prototype change. */
const withOwn = (o: Doc, key: string, value: unknown): Doc => {
  const out = { ...o };
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
};
const withoutFlag = (d: Doc): Doc => {
  const { _deleted: _flag, ...rest } = d;
  return rest;
};
/** What the journal's `body` column holds for a document: canonical JSON without hash and _deleted. */
const bodyOf = (d: Doc): string => {
  const { hash: _h, _deleted: _f, ...covered } = d;
  return canonicalize(covered) as string;
};
const storedDoc = (r: StoredJournalEvent): Doc => ({ ...(JSON.parse(r.body) as Doc), hash: r.hash });
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

// ————————————————————————————————————————— names at the bound

const PIECES = [
  '🧀',
  '👨‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'שלום',
  '\u202E',
  '\u200F',
  '\u200D',
  'é',
  'Ω',
  '"',
  '\\',
  '</script>',
  '\n',
  "'; DROP TABLE sales; --",
  'a',
];
/** Exactly `len` UTF-16 units (what zod measures), never splitting a surrogate pair. */
function fit(pieces: readonly string[], len: number): string {
  let s = '';
  for (const p of pieces) if (s.length + p.length <= len) s += p;
  return s.padEnd(len, 'x');
}
const nameArb = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 80 });

// ————————————————————————————————————————— the documents a till could send

type Expect = { fate: 'admit' } | { fate: 'refuse'; reason: string; path: string };
const ADMIT: Expect = { fate: 'admit' };
const refuse = (reason: string, path: string): Expect => ({ fate: 'refuse', reason, path });

interface Built {
  /** newDocumentState exactly as pushed. */
  doc: Doc;
  expect: Expect;
  label: string;
}

const CENT_FIELDS = [
  { path: 'totalCents', nonNegative: false },
  { path: 'subtotalCents', nonNegative: false },
  { path: 'discountCents', nonNegative: true },
  { path: 'lines.0.amountCents', nonNegative: false },
  { path: 'lines.0.unitPriceCents', nonNegative: false },
  { path: 'lines.0.discountCents', nonNegative: true },
  { path: 'payments.0.amountCents', nonNegative: false },
  { path: 'payments.0.tenderedCents', nonNegative: false },
  { path: 'payments.0.changeCents', nonNegative: false },
] as const;
const CENT_VALUES = [
  B.maxAbsCents,
  -B.maxAbsCents,
  B.maxAbsCents + 1,
  -B.maxAbsCents - 1,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  0,
  -1,
  0.5,
];
/**
 * Keys that trip naive code. `__proto__` and `constructor: {prototype}` are refused per event by the
 * document shape check; they have their own tests below, so the property keeps to documents that
 * pass it (likewise nesting stays inside the depth bound).
 */
const AWKWARD_KEYS = [
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  '🔑',
  'a.b',
  '$where',
  'loyaltyPreview',
];

const deepArb = fc
  .record({ depth: fc.integer({ min: 1, max: B.maxDepth - 6 }), key: fc.constantFrom(...AWKWARD_KEYS) })
  .map(({ depth, key }) => {
    let v: unknown = { leaf: true };
    for (let i = 0; i < depth; i++) v = withOwn({}, key === '' ? 'x' : key, v);
    return v;
  });
const extraValueArb = fc.oneof(
  deepArb,
  fc.integer({ min: 0, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => i * 7)),
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(null, '', 0, -0, 1e308, false, [], {}),
);

/** One document of the batch, as parameters (fast-check shrinks these). */
const variantArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ k: 'plain' as const }) },
  { weight: 2, arbitrary: fc.constant({ k: 'v1' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('lines' as const),
      n: fc.constantFrom(B.maxLines, B.maxLines, B.maxLines + 1, 0),
      amount: fc.constantFrom(
        B.maxAbsCents / B.maxLines,
        -B.maxAbsCents / B.maxLines,
        B.maxAbsCents, // 500 × 10^11: stored, raised as totals-mismatch
        1,
      ),
      name: nameArb,
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('cents' as const),
      field: fc.constantFrom(...CENT_FIELDS),
      value: fc.constantFrom(...CENT_VALUES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('extremeSale' as const),
      sign: fc.constantFrom(1, -1),
      cash: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('measure' as const),
      field: fc.constantFrom('quantity', 'weightGrams'),
      over: fc.constantFrom(0, 1, -1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('text' as const),
      field: fc.constantFrom('name', 'lineId', 'productId', 'code', 'memberId'),
      over: fc.boolean(),
      name: nameArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('payments' as const), n: fc.constantFrom(B.maxPayments, 21) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('seq' as const),
      how: fc.constantFrom('atJump', 'jump', 'max', 'unsafe', 'zero', 'frac', 'dup'),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('version' as const),
      v: fc.constantFrom(0, 6, B.maxSchemaVersion, B.maxSchemaVersion + 1, 2.5),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('currency' as const),
      c: fc.constantFrom('XXX', 'eur', 'EURO', '', 'USD'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('day' as const),
      d: fc.constantFrom('2026-02-30', '2024-02-29', '2026-13-01', '1999-12-31', '2999-12-31', '2026-2-3'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      k: fc.constant('createdAt' as const),
      v: fc.constantFrom(-1, Number.MAX_SAFE_INTEGER, 1.5, 0),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('type' as const),
      t: fc.constantFrom(
        'stock-count',
        'constructor',
        'tostring',
        'hasownproperty',
        'z'.padEnd(B.maxTypeLength, '-'),
        'z'.repeat(B.maxTypeLength + 1),
        '__proto__',
        'Sale',
        '',
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ k: 'deleted' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ k: fc.constant('retry' as const), of: fc.nat(), dropFlag: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('rewrite' as const), of: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('extra' as const),
      where: fc.constantFrom('top', 'line', 'payment'),
      key: fc.constantFrom(...AWKWARD_KEYS),
      value: extraValueArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      k: fc.constant('hash' as const),
      how: fc.constantFrom('forged', 'stale', 'upper', 'short', 'prev'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('id' as const), how: fc.constantFrom('lower', 'long', 'empty') }),
  },
);
type Variant = typeof variantArb extends fc.Arbitrary<infer V> ? V : never;

function setPath(d: Doc, path: string, value: unknown): Doc {
  const copy = structuredClone(d);
  const keys = path.split('.');
  let o = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1] as string] = value;
  return copy;
}

function boundLine(i: number, amount: number, name: string): Doc {
  return {
    lineId: `L${i}`.padEnd(B.maxIdLength, '-'),
    productId: `P${i}`.padEnd(B.maxIdLength, 'p'),
    code: String(i).padStart(B.maxCodeLength, '0'),
    name,
    quantity: B.maxQuantity,
    weightGrams: B.maxWeightGrams,
    unitPriceCents: amount,
    amountCents: amount,
    discountCents: 0,
  };
}

/** A sale whose lines, subtotal, total and card payment are given (they need not add up). */
function withLines(base: Doc, lines: Doc[], total: number): Doc {
  return {
    ...base,
    lines,
    subtotalCents: total,
    discountCents: 0,
    totalCents: total,
    payments: [{ method: 'card', amountCents: total }],
  };
}

const validCents = (field: (typeof CENT_FIELDS)[number], v: number) =>
  Number.isInteger(v) && Math.abs(v) <= B.maxAbsCents && (!field.nonNegative || v >= 0);

interface BuildState {
  terminalId: string;
  nextSeq: number;
  prevHash: string;
  built: Built[];
}

function build(v: Variant, st: BuildState): Built {
  const take = () => st.nextSeq++;
  const base = (seq = take()): Doc =>
    makeSale({ terminalId: st.terminalId, storeId: STORE, seq, prevHash: st.prevHash }) as unknown as Doc;
  const sealed = (d: Doc, expect: Expect, label: string): Built => ({
    doc: { ...reseal(d), _deleted: false },
    expect,
    label,
  });
  switch (v.k) {
    case 'plain':
      return { doc: { ...base(), _deleted: false }, expect: ADMIT, label: 'plain' };
    case 'v1': {
      const e = makeSaleV1({ terminalId: st.terminalId, storeId: STORE, seq: take(), prevHash: st.prevHash });
      return { doc: { ...e, _deleted: false }, expect: ADMIT, label: 'v1' };
    }
    case 'lines': {
      const name = fit(v.name, B.maxNameLength);
      const lines = Array.from({ length: v.n }, (_, i) => boundLine(i, v.amount, name));
      const total = Math.max(-B.maxAbsCents, Math.min(B.maxAbsCents, v.amount * v.n));
      const expect = v.n > B.maxLines || v.n === 0 ? refuse('body-invalid', 'lines') : ADMIT;
      return sealed(withLines(base(), lines, total), expect, `${v.n} lines of ${v.amount}`);
    }
    case 'cents': {
      const d = setPath(base(), v.field.path, v.value);
      const ok = validCents(v.field, v.value);
      return sealed(d, ok ? ADMIT : refuse('body-invalid', v.field.path), `${v.field.path}=${v.value}`);
    }
    case 'extremeSale': {
      const x = v.sign * B.maxAbsCents;
      const line = { ...boundLine(0, x, 'x'.repeat(B.maxNameLength)) };
      const d = {
        ...withLines(base(), [line], x),
        memberId: 'M'.repeat(B.maxIdLength),
        payments: v.cash
          ? [{ method: 'cash', amountCents: x, tenderedCents: x, changeCents: 0 }]
          : [{ method: 'card', amountCents: x }],
      };
      return sealed(d, ADMIT, `extreme sale ${x}`);
    }
    case 'measure': {
      const max = v.field === 'quantity' ? B.maxQuantity : B.maxWeightGrams;
      const value = v.over === -1 ? 0 : max + v.over;
      const path = `lines.1.${v.field}`;
      return sealed(
        setPath(base(), path, value),
        v.over === 0 ? ADMIT : refuse('body-invalid', path),
        `${path}=${value}`,
      );
    }
    case 'text': {
      const limit =
        v.field === 'name' ? B.maxNameLength : v.field === 'code' ? B.maxCodeLength : B.maxIdLength;
      const len = limit + (v.over ? 1 : 0);
      const value = v.field === 'name' ? fit(v.name, len) : 'i'.repeat(len);
      const path = v.field === 'memberId' ? 'memberId' : `lines.0.${v.field}`;
      return sealed(
        setPath(base(), path, value),
        v.over ? refuse('body-invalid', path) : ADMIT,
        `${path} of ${len}`,
      );
    }
    case 'payments': {
      const d = base();
      const p = (d.payments as Doc[])[0] as Doc;
      return sealed(
        { ...d, payments: Array.from({ length: v.n }, () => ({ ...p })) },
        v.n > B.maxPayments ? refuse('body-invalid', 'payments') : ADMIT,
        `${v.n} payments`,
      );
    }
    case 'seq': {
      const previous = st.built[st.built.length - 1];
      const seq = {
        atJump: B.maxSeqJump, // the terminal is fresh: its highest stored seq is 0
        jump: B.maxSeqJump + 1,
        max: Number.MAX_SAFE_INTEGER,
        unsafe: Number.MAX_SAFE_INTEGER + 1,
        zero: 0,
        frac: 1.5,
        dup:
          Number.isInteger(previous?.doc.seq) &&
          (previous?.doc.seq as number) >= 1 &&
          (previous?.doc.seq as number) <= B.maxSeqJump
            ? (previous?.doc.seq as number)
            : 1,
      }[v.how];
      const expect =
        v.how === 'jump' || v.how === 'max'
          ? refuse('seq-jump', 'seq')
          : v.how === 'unsafe' || v.how === 'zero' || v.how === 'frac'
            ? refuse('envelope-invalid', 'seq')
            : ADMIT;
      return sealed({ ...base(1), seq }, expect, `seq ${seq}`);
    }
    case 'version': {
      const expect =
        v.v === 6 || v.v === B.maxSchemaVersion ? ADMIT : refuse('envelope-invalid', 'schemaVersion');
      return sealed({ ...base(), schemaVersion: v.v }, expect, `schemaVersion ${v.v}`);
    }
    case 'currency': {
      const expect =
        v.c === 'XXX' || v.c === 'USD'
          ? refuse('currency-mismatch', 'currency')
          : refuse('body-invalid', 'currency');
      return sealed({ ...base(), currency: v.c }, expect, `currency '${v.c}'`);
    }
    case 'day': {
      const real = v.d === '2024-02-29' || v.d === '2999-12-31';
      return sealed(
        { ...base(), businessDay: v.d },
        real ? ADMIT : refuse('body-invalid', 'businessDay'),
        `businessDay ${v.d}`,
      );
    }
    case 'createdAt': {
      const ok = Number.isInteger(v.v) && v.v >= 0;
      return sealed(
        { ...base(), createdAt: v.v },
        ok ? ADMIT : refuse('body-invalid', 'createdAt'),
        `createdAt ${v.v}`,
      );
    }
    case 'type': {
      const ok = /^[a-z][a-z0-9-]{0,39}$/.test(v.t);
      return sealed(
        { ...base(), type: v.t },
        ok ? ADMIT : refuse('envelope-invalid', 'type'),
        `type '${v.t}'`,
      );
    }
    case 'deleted':
      return { doc: { ...base(), _deleted: true }, expect: refuse('deleted', '_deleted'), label: '_deleted' };
    case 'retry': {
      const original = st.built[v.of % Math.max(1, st.built.length)];
      if (!original) return { doc: { ...base(), _deleted: false }, expect: ADMIT, label: 'plain' };
      const doc = v.dropFlag && original.doc._deleted === false ? withoutFlag(original.doc) : original.doc;
      return { doc: { ...doc }, expect: original.expect, label: `retry of ${original.label}` };
    }
    case 'rewrite': {
      const original = st.built[v.of % Math.max(1, st.built.length)];
      const d = { ...base(), totalCents: 1 };
      if (!original || typeof original.doc.id !== 'string') return sealed(d, ADMIT, 'unbalanced');
      const id = original.doc.id;
      return sealed(
        { ...d, id },
        ULID.test(id) ? ADMIT : refuse('envelope-invalid', 'id'),
        `rewrite of ${original.label}`,
      );
    }
    case 'extra': {
      const d = base();
      if (v.where === 'top') return sealed(withOwn(d, v.key, v.value), ADMIT, `extra '${v.key}'`);
      const list = v.where === 'line' ? 'lines' : 'payments';
      const items = [...(d[list] as Doc[])];
      items[0] = withOwn(items[0] as Doc, v.key, v.value);
      return sealed({ ...d, [list]: items }, ADMIT, `extra ${list}.0.'${v.key}'`);
    }
    case 'hash': {
      const d = base();
      const doc = {
        forged: () => ({ ...d, hash: 'f'.repeat(64) }),
        stale: () => ({ ...d, totalCents: 1 }), // edited after sealing
        upper: () => ({ ...d, hash: String(d.hash).toUpperCase() }),
        short: () => ({ ...d, hash: String(d.hash).slice(1) }),
        prev: () => reseal({ ...d, prevHash: 'e'.repeat(64) }),
      }[v.how]();
      const expect = v.how === 'upper' || v.how === 'short' ? refuse('envelope-invalid', 'hash') : ADMIT;
      return { doc: { ...doc, _deleted: false }, expect, label: `hash ${v.how}` };
    }
    case 'id': {
      const d = base();
      const id = { lower: String(d.id).toLowerCase(), long: 'I'.repeat(B.maxIdLength), empty: '' }[v.how];
      return sealed({ ...d, id }, refuse('envelope-invalid', 'id'), `id ${v.how}`);
    }
  }
}

function buildBatch(terminalId: string, variants: readonly Variant[]): Built[] {
  const st: BuildState = { terminalId, nextSeq: 1, prevHash: GENESIS_HASH, built: [] };
  for (const v of variants) {
    const made = build(v, st);
    // As it arrives over HTTP: through JSON (-0 becomes 0; '__proto__' stays an own key).
    const b = { ...made, doc: JSON.parse(JSON.stringify(made.doc)) as Doc };
    st.built.push(b);
    if (typeof b.doc.hash === 'string' && /^[0-9a-f]{64}$/.test(b.doc.hash)) st.prevHash = b.doc.hash;
  }
  return st.built;
}

const rowsOf = (built: readonly Built[]): JournalPushRow[] =>
  built.map((b) => ({ assumedMasterState: null, newDocumentState: b.doc }));

// ————————————————————————————————————————— what an operator would notice

/** The expectation of a document for a push onto a terminal whose highest stored seq is `maxSeq`. */
function expectAt(b: Built, maxSeq: number): Expect {
  if (b.expect.fate === 'refuse' && b.expect.reason === 'seq-jump') {
    return (b.doc.seq as number) > maxSeq + B.maxSeqJump ? b.expect : ADMIT;
  }
  return b.expect;
}

const isUnderstoodSale = (d: Doc) => d.type === 'sale' && [1, 2, 3, 4, 5].includes(d.schemaVersion as number);

async function journalOf(s: Storage, terminalId: string): Promise<StoredJournalEvent[]> {
  return s.journal.page(0, 1_000_000, terminalId);
}

/** Every assertion about ONE push of `built`, given the journal before it. */
async function checkPush(
  s: Storage,
  terminalId: string,
  built: readonly Built[],
  outcome: PushOutcome,
  before: readonly StoredJournalEvent[],
  maxSeqBefore: number,
): Promise<void> {
  const expects = built.map((b) => expectAt(b, maxSeqBefore));
  const why = built.map((b, i) => `${i}: ${b.label} → ${JSON.stringify(expects[i])}`).join('\n');

  // Every document is exactly one of accepted / duplicate / conflict / refused.
  expect(outcome.accepted + outcome.duplicates + outcome.conflicts.length + outcome.refused.length, why).toBe(
    built.length,
  );
  expect(outcome.parked).toBeLessThanOrEqual(outcome.accepted);
  expect(outcome.foldFailures, why).toBe(0);

  // Refused: exactly the documents expected, in order, each with a reason, a path and a message.
  const refusedExpected = built
    .map((b, i) => ({ b, e: expects[i] as Expect }))
    .filter((x) => x.e.fate === 'refuse');
  expect(
    outcome.refused.map((r) => ({ id: r.id, reason: r.reason, path: r.path })),
    why,
  ).toEqual(
    refusedExpected.map(({ b, e }) => ({
      id:
        typeof b.doc.id === 'string' && b.doc.id.length > 0 && b.doc.id.length <= B.maxIdLength
          ? b.doc.id
          : null,
      reason: (e as { reason: string }).reason,
      path: (e as { path: string }).path,
    })),
  );
  for (const r of outcome.refused) {
    expect(r.message.trim().length, r.message).toBeGreaterThan(10);
    expect(r.message.length, r.message).toBeLessThan(600);
    expect(r.path.length).toBeGreaterThan(0);
  }

  const after = await journalOf(s, terminalId);
  const stored = new Map(after.map((r) => [r.id, r]));
  const knownBefore = new Set(before.map((r) => r.id));
  const same = (d: Doc, r: StoredJournalEvent | undefined) =>
    r !== undefined && r.body === bodyOf(d) && r.hash === d.hash;

  // Nothing refused is in the journal as sent.
  for (const { b } of refusedExpected) {
    expect(same(b.doc, stored.get(String(b.doc.id))), `refused ${b.label} is stored`).toBe(false);
  }

  // Accepted: one new row per new id, byte for byte what one of the documents was.
  const admitted = built.filter((_, i) => (expects[i] as Expect).fate === 'admit');
  const newIds = new Set(admitted.map((b) => b.doc.id as string).filter((id) => !knownBefore.has(id)));
  expect(outcome.accepted, why).toBe(newIds.size);
  expect(after.length, why).toBe(before.length + newIds.size);
  for (const id of newIds) {
    const row = stored.get(id);
    expect(row, `event ${id} accepted but not in the journal`).toBeDefined();
    const candidates = admitted.filter((b) => b.doc.id === id).map((b) => withoutFlag(b.doc));
    expect(candidates, `stored ${id} is none of the pushed documents`).toContainEqual(
      storedDoc(row as StoredJournalEvent),
    );
  }
  const equal = admitted.filter((b) => same(b.doc, stored.get(b.doc.id as string)));
  expect(outcome.duplicates, why).toBe(equal.length - newIds.size);
  expect(outcome.conflicts.length, why).toBe(admitted.length - equal.length);
  for (const c of outcome.conflicts) {
    const row = stored.get(String(c.id));
    expect(row, 'a conflict answers a stored event of this terminal').toBeDefined();
    expect(c).toEqual({ ...storedDoc(row as StoredJournalEvent), _deleted: false });
  }

  // Parked: the new events that are not an understood sale (unknown type, newer version).
  const parkedExpected = [...newIds].filter((id) => !isUnderstoodSale(storedDoc(stored.get(id)!))).length;
  expect(outcome.parked, why).toBe(parkedExpected);

  // The sales report: every understood sale of the journal, summed exactly.
  const sales = after.map(storedDoc).filter(isUnderstoodSale);
  const sum = sales.reduce((acc, d) => acc + BigInt(d.totalCents as number), 0n);
  const report = await salesReport(s, { terminalId });
  expect(report.totals.count, why).toBe(sales.length);
  expect(BigInt(report.totals.totalCents), why).toBe(sum);
  expect(typeof report.totals.totalCents).toBe(
    sum <= BigInt(Number.MAX_SAFE_INTEGER) && sum >= -BigInt(Number.MAX_SAFE_INTEGER) ? 'number' : 'string',
  );
  // What the manager reads is what the till sold: totals, lines and names of each sale.
  const byId = new Map(report.sales.map((r) => [r.eventId, r]));
  for (const d of sales) {
    const r = byId.get(d.id as string);
    expect(r, `sale ${String(d.id)} is stored but not in the report`).toBeDefined();
    expect(r?.totalCents).toBe(d.totalCents);
    const lines = d.lines as Doc[];
    expect(r?.lines.length).toBe(lines.length);
    expect(r?.lines.slice(0, 3).map((l) => l.name)).toEqual(lines.slice(0, 3).map((l) => l.name));
  }
}

// ————————————————————————————————————————— the properties

describe('push fuzz: hostile and buggy tills against pushJournal (SQLite)', () => {
  const adapter = sqliteAdapter();
  let s: Storage;
  let terminals = 0;

  beforeAll(async () => {
    await adapter.setup();
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(
        {
          storeId: STORE,
          name: 'Winkel',
          currency: 'EUR',
          timeZone: 'Europe/Amsterdam',
          locale: 'nl-NL',
          variableMeasure: [],
        },
        1,
      );
    });
  });
  afterAll(async () => {
    await s.close();
    await adapter.teardown();
  });

  /** A fresh terminal of the store (its id at the 64-character bound when `long`). */
  async function newTerminal(long: boolean): Promise<{ terminalId: string; storeId: string }> {
    terminals++;
    const terminalId = long ? `T${terminals}-`.padEnd(B.maxIdLength, 'x') : `T${terminals}`;
    await s.transaction((tx) =>
      tx.terminals.insert({
        terminalId,
        storeId: STORE,
        name: null,
        tokenHash: `fuzz-${terminals}`,
        pairedAt: 1,
      }),
    );
    return { terminalId, storeId: STORE };
  }

  async function push(who: { terminalId: string; storeId: string }, built: readonly Built[], now = NOW) {
    let r: Awaited<ReturnType<typeof pushJournal>>;
    try {
      r = await pushJournal(s, who, rowsOf(built), now);
    } catch (e) {
      throw new Error(
        `pushJournal threw (a 500 over HTTP, and the till retries this batch forever): ${String(e)}\n` +
          built.map((b, i) => `${i}: ${b.label}`).join('\n'),
      );
    }
    expect(r.ok, JSON.stringify(r)).toBe(true);
    return (r as { ok: true; value: PushOutcome }).value;
  }

  it(
    'any batch of 1–40 extreme documents: never throws, every document accounted for, the journal is what was ' +
      'sent, the report sums exactly, a retry changes nothing, and the next sale is accepted',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(variantArb, { minLength: 1, maxLength: 40 }),
          fc.boolean(),
          async (variants, longId) => {
            const who = await newTerminal(longId);
            const built = buildBatch(who.terminalId, variants);

            // 1. The batch.
            const first = await push(who, built);
            await checkPush(s, who.terminalId, built, first, [], 0);

            // 1b. The same batch again (a till that never saw the answer): no new row, no new exception —
            //     except an event refused as too far ahead that the first push brought within reach.
            const journal1 = await journalOf(s, who.terminalId);
            const exceptions1 = (await exceptionsReport(s, who)).exceptions;
            const maxSeq1 = (await s.terminals.get(who.terminalId))?.maxSeq ?? 0;
            const again = await push(who, built, NOW + 1);
            await checkPush(s, who.terminalId, built, again, journal1, maxSeq1);
            if (again.accepted === 0) {
              expect((await journalOf(s, who.terminalId)).length).toBe(journal1.length);
              const exceptions2 = (await exceptionsReport(s, who)).exceptions;
              expect(exceptions2.length).toBe(exceptions1.length);
              expect(exceptions2.map((e) => [e.kind, e.eventId, e.seq])).toEqual(
                exceptions1.map((e) => [e.kind, e.eventId, e.seq]),
              );
            }
            expect((await exceptionsReport(s, who)).exceptions.map((e) => e.kind)).not.toContain(
              'fold-failed',
            );

            // 2. The till is never blocked: its next plain sale is accepted and counted.
            const t = await s.terminals.get(who.terminalId);
            const last = (await journalOf(s, who.terminalId)).find((r) => r.seq === t?.maxSeq);
            const next = makeSale({
              ...who,
              seq: (t?.maxSeq ?? 0) + 1,
              prevHash: last?.hash ?? GENESIS_HASH,
            }) as unknown as Doc;
            const before = await salesReport(s, { terminalId: who.terminalId });
            const outcome = await push(who, [
              { doc: { ...next, _deleted: false }, expect: ADMIT, label: 'next' },
            ]);
            expect(outcome).toMatchObject({ accepted: 1, refused: [], conflicts: [], foldFailures: 0 });
            const after = await salesReport(s, { terminalId: who.terminalId });
            expect(after.totals.count).toBe(before.totals.count + 1);
            expect(BigInt(after.totals.totalCents)).toBe(BigInt(before.totals.totalCents) + 504n);
            expect((await s.terminals.get(who.terminalId))?.maxSeq).toBe(next.seq);
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: false },
      );
    },
    120_000,
  );

  it('text a database cannot keep as sent (an unpaired surrogate, a NUL) is refused at its path, the rest stored', async () => {
    const who = await newTerminal(false);
    const [first] = saleChain(who.terminalId, STORE, 1);
    const lone = reseal(
      setPath(
        makeSale({ ...who, seq: 2, prevHash: first!.hash }) as unknown as Doc,
        'lines.0.name',
        'Kaas \uD800 jong',
      ),
    );
    const nul = reseal(
      setPath(
        makeSale({ ...who, seq: 3, prevHash: lone.hash as string }) as unknown as Doc,
        'lines.1.name',
        'Ba\u0000nanen',
      ),
    );
    const outcome = await push(who, [
      { doc: { ...first!, _deleted: false } as Doc, expect: ADMIT, label: 'plain' },
      {
        doc: { ...lone, _deleted: false },
        expect: refuse('document-invalid', 'lines.0.name'),
        label: 'lone surrogate',
      },
      { doc: { ...nul, _deleted: false }, expect: refuse('document-invalid', 'lines.1.name'), label: 'NUL' },
    ]);
    expect(outcome).toMatchObject({ accepted: 1 });
    expect(outcome.refused.map((r) => r.message)).toEqual([
      expect.stringContaining('unpaired surrogate'),
      expect.stringContaining('NUL'),
    ]);
  });

  it('the seq bound is exact: maxSeq + 10^6 is accepted, maxSeq + 10^6 + 1 and 2^53 − 1 are refused', async () => {
    const who = await newTerminal(false);
    const [first] = saleChain(who.terminalId, STORE, 1);
    await push(who, [{ doc: { ...first!, _deleted: false } as Doc, expect: ADMIT, label: 'seq 1' }]);
    const at = (seq: number): Built => ({
      doc: {
        ...reseal({ ...(makeSale({ ...who, seq: 1, prevHash: first!.hash }) as unknown as Doc), seq }),
        _deleted: false,
      },
      expect: ADMIT,
      label: `seq ${seq}`,
    });
    const out = await push(who, [
      at(1 + B.maxSeqJump + 1),
      at(Number.MAX_SAFE_INTEGER),
      at(1 + B.maxSeqJump),
    ]);
    expect(out.accepted).toBe(1);
    expect(out.refused.map((r) => [r.reason, r.seq])).toEqual([
      ['seq-jump', 1 + B.maxSeqJump + 1],
      ['seq-jump', Number.MAX_SAFE_INTEGER],
    ]);
    expect(out.refused[0]?.message).toContain('1,000,001');
    expect((await s.terminals.get(who.terminalId))?.maxSeq).toBe(1 + B.maxSeqJump);
  });

  it('a sale with an unknown field nested 10,000 levels deep does not make the push throw', async () => {
    const who = await newTerminal(false);
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const sale = { ...(makeSale({ ...who, seq: 1, prevHash: GENESIS_HASH }) as unknown as Doc), extra: deep };
    // The test cannot seal it either (canonicalize recurses); the server must still answer.
    const doc = { ...sale, hash: 'f'.repeat(64), _deleted: false };
    const next = makeSale({ ...who, seq: 2, prevHash: GENESIS_HASH }) as unknown as Doc;
    const outcome = await push(who, [
      { doc, expect: ADMIT, label: 'nested 10,000 deep' },
      { doc: { ...next, _deleted: false }, expect: ADMIT, label: 'next' },
    ]);
    // Stored (unknown fields are kept) or refused with a readable reason; either way the sale after it is stored.
    expect(outcome.accepted + outcome.refused.length).toBe(2);
    expect((await s.journal.byIds(who.terminalId, [next.id as string])).length).toBe(1);
  });
});

// ————————————————————————————————————————— over HTTP

const MiB = 1024 * 1024;
const PUSH = syncPaths.push('journal');

describe('push fuzz over HTTP: size limits and poison bodies', () => {
  let server: TestSyncServer;
  beforeAll(async () => {
    server = await startTestSyncServer();
  });
  afterAll(() => server.close());

  const admin = async <T>(path: string) =>
    (await call(server, 'GET', path, { token: server.adminToken })).body as T;
  const salesOf = (terminalId: string) =>
    admin<{ totals: { count: number; totalCents: number | string } }>(
      `/admin/sales?terminalId=${encodeURIComponent(terminalId)}`,
    );
  const healthy = async () => expect((await call(server, 'GET', '/health')).status).toBe(200);
  const errorShape = (body: unknown) => {
    const e = errorBodySchema.parse(body);
    expect(e.error.type.length).toBeGreaterThan(0);
    expect(e.error.message.length).toBeGreaterThan(10);
    expect(e.error.message.length).toBeLessThan(1_000);
    return e.error;
  };

  /** `count` chained 500-line sales at the bounds: 64-char ids and codes, 200-char names, ±10^11 in total. */
  function boundSales(till: PairResponse, count: number): Doc[] {
    const name = fit(PIECES, B.maxNameLength);
    const out: Doc[] = [];
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq++) {
      const amount = (seq % 2 === 0 ? -1 : 1) * (B.maxAbsCents / B.maxLines);
      const lines = Array.from({ length: B.maxLines }, (_, i) => boundLine(i, amount, name));
      const base = makeSale({
        terminalId: till.terminalId,
        storeId: till.storeId,
        seq,
        prevHash,
      }) as unknown as Doc;
      const d = reseal({
        ...withLines(base, lines, amount * B.maxLines),
        memberId: 'M'.repeat(B.maxIdLength),
      });
      out.push(d);
      prevHash = d.hash as string;
    }
    return out;
  }
  const body = (docs: readonly Doc[]) =>
    JSON.stringify(
      docs.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, _deleted: false } })),
    );

  it('the largest push of 500-line sales at the bounds that fits in 8 MiB is stored; one more sale answers 413 and stores nothing', async () => {
    const probe = await pairNewTerminal(server);
    const docs = boundSales(probe, 40);
    // '[' + rows joined by ',' + ']': the size of the first k rows without serialising k times.
    const sizes = docs.map((d) => Buffer.byteLength(body([d])) - 2);
    let fits = 0;
    let bytes = 2;
    while (fits < docs.length && bytes + (fits > 0 ? 1 : 0) + (sizes[fits] as number) <= 8 * MiB) {
      bytes += (fits > 0 ? 1 : 0) + (sizes[fits] as number);
      fits++;
    }
    expect(Buffer.byteLength(body(docs.slice(0, fits)))).toBe(bytes);
    expect(fits).toBeGreaterThan(0);
    expect(fits).toBeLessThan(docs.length);

    const tooBig = await call(server, 'POST', PUSH, {
      token: probe.token,
      rawBody: body(docs.slice(0, fits + 1)),
    });
    expect(tooBig.status).toBe(413);
    expect(errorShape(tooBig.body).type).toBe('payload-too-large');
    expect((await salesOf(probe.terminalId)).totals.count).toBe(0);

    const ok = await call(server, 'POST', PUSH, { token: probe.token, rawBody: body(docs.slice(0, fits)) });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 500)).toBe(200);
    expect(ok.body).toEqual([]);
    const sales = await salesOf(probe.terminalId);
    expect(sales.totals.count).toBe(fits);
    const expected = docs.slice(0, fits).reduce((a, d) => a + BigInt(d.totalCents as number), 0n);
    expect(BigInt(sales.totals.totalCents)).toBe(expected);
    await healthy();
  });

  it('500 rows is the batch bound: 500 sales are stored, 501 rows answer 422 and store nothing', async () => {
    const till = await pairNewTerminal(server);
    const docs = saleChain(till.terminalId, till.storeId, 501) as unknown as Doc[];
    const over = await call(server, 'POST', PUSH, { token: till.token, rawBody: body(docs) });
    expect(over.status).toBe(422);
    errorShape(over.body);
    expect((await salesOf(till.terminalId)).totals.count).toBe(0);
    const ok = await call(server, 'POST', PUSH, { token: till.token, rawBody: body(docs.slice(0, 500)) });
    expect(ok.status).toBe(200);
    expect((await salesOf(till.terminalId)).totals.count).toBe(500);
  });

  it('a 500-row push whose row 250 is invalid answers 422 event-refused naming exactly that event; the other 499 are stored', async () => {
    const till = await pairNewTerminal(server);
    const docs = saleChain(till.terminalId, till.storeId, 500) as unknown as Doc[];
    const bad = reseal({ ...(docs[249] as Doc), businessDay: '2026-02-30' });
    docs[249] = bad;
    const r = await call(server, 'POST', PUSH, { token: till.token, rawBody: body(docs) });
    expect(r.status).toBe(422);
    const refused = pushRefusedBodySchema.parse(r.body).error;
    expect(refused.refused).toEqual([
      expect.objectContaining({ id: bad.id, seq: 250, reason: 'body-invalid', path: 'businessDay' }),
    ]);
    expect(refused.stored).toBe(499);
    expect(refused.conflicts).toEqual([]);
    expect(refused.message).toContain('2026-02-30');
    expect((await salesOf(till.terminalId)).totals.count).toBe(499);
  });

  it('a body nested 10,000 levels deep answers a 4xx with {error:{type,message}}; the server still answers', async () => {
    const till = await pairNewTerminal(server);
    for (const raw of [
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000),
    ]) {
      const r = await call(server, 'POST', PUSH, { token: till.token, rawBody: raw });
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      errorShape(r.body);
      await healthy();
    }
  });

  it('a sale carrying an unknown field nested 10,000 levels deep never answers 5xx, and the till can push on', async () => {
    const till = await pairNewTerminal(server);
    const [sale, next] = saleChain(till.terminalId, till.storeId, 2) as unknown as Doc[];
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const doc = JSON.stringify({ ...sale, _deleted: false }).replace(/}$/, `,"extra":${deep}}`);
    const r = await call(server, 'POST', PUSH, {
      token: till.token,
      rawBody: `[{"assumedMasterState":null,"newDocumentState":${doc}}]`,
    });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    if (r.status >= 400) errorShape(r.body);
    await healthy();
    const after = await call(server, 'POST', PUSH, { token: till.token, rawBody: body([next as Doc]) });
    expect(after.status).toBe(200);
  });

  it('a 5 MB string in a sale answers a 4xx with a short readable error; the server still answers', async () => {
    const till = await pairNewTerminal(server);
    const [sale] = saleChain(till.terminalId, till.storeId, 1) as unknown as Doc[];
    const huge = 'x'.repeat(5 * 1000 * 1000);
    const named = reseal(setPath(sale as Doc, 'lines.0.name', huge));
    const r = await call(server, 'POST', PUSH, { token: till.token, rawBody: body([named]) });
    expect(r.status).toBe(422);
    const e = errorShape(r.body);
    expect(e.type).toBe('event-refused');
    expect(e.path).toBe('lines.0.name');
    expect(JSON.stringify(r.body).length).toBeLessThan(5_000);
    await healthy();

    const extra = reseal({ ...(sale as Doc), note: huge });
    const r2 = await call(server, 'POST', PUSH, { token: till.token, rawBody: body([extra]) });
    expect(r2.status, 'an unbounded unknown field reaches storage').toBeGreaterThanOrEqual(400);
    expect(r2.status).toBeLessThan(500);
    errorShape(r2.body);
    await healthy();
  });

  it.each([
    ['__proto__', { isAdmin: true }],
    ['constructor', { prototype: { isAdmin: true } }],
  ])('an event with an own key %s never holds the rest of the batch hostage', async (key, value) => {
    const till = await pairNewTerminal(server);
    const [a, b] = saleChain(till.terminalId, till.storeId, 2) as unknown as Doc[];
    const odd = reseal(withOwn(b as Doc, key, value));
    const r = await call(server, 'POST', PUSH, { token: till.token, rawBody: body([a as Doc, odd]) });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
    // Stored (unknown fields are kept) or refused per event; never the whole batch (the till would
    // retry it forever: renderer/src/sync/replication.ts treats only event-refused as a per-event answer).
    if (r.status !== 200) expect(errorShape(r.body).type, JSON.stringify(r.body)).toBe('event-refused');
    expect((await salesOf(till.terminalId)).totals.count, JSON.stringify(r.body)).toBeGreaterThanOrEqual(1);
    await healthy();
  });
});
