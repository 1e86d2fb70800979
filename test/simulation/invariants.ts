import { checkChainLink } from '../../core/journal/hash-chain';
import type { JournalDoc } from '../../renderer/src/db/database';
import type { ServerView } from './server-view';
import type { CompletedSale } from './sim-till';

/** An invariant that does not hold: the run stops here and the seed is reported. */
export class InvariantBroken extends Error {
  constructor(
    readonly invariant: string,
    message: string,
  ) {
    super(`${invariant}: ${message}`);
    this.name = 'InvariantBroken';
  }
}

function fail(invariant: string, message: string): never {
  throw new InvariantBroken(invariant, message);
}

/** What one till holds, as the checks read it. */
export interface TillState {
  index: number;
  terminalId: string;
  journal: readonly JournalDoc[];
  completed: readonly CompletedSale[];
  /** The highest seq the server acknowledged to this till (kept across reloads, as the till does). */
  ackSeq: number;
  /** RxDB's push checkpoint (local write time pushed up to), when the replication has one. */
  pushCheckpoint: number | undefined;
}

/**
 * The till's own journal: seq 1, 2, 3, … without a gap or a repeat, every sale the cashier saw
 * completed is in it, and the hash chain verifies from `verifiedUpTo` on (earlier links were
 * verified by an earlier step; the chain is insert-only, so they cannot change — that too is checked
 * by the server side, which compares every hash at the end).
 */
export function checkTillJournal(t: TillState, verifiedUpTo: number): number {
  const name = `till ${t.index + 1}`;
  t.journal.forEach((e, i) => {
    if (e.seq !== i + 1)
      fail('seq-contiguous', `${name} holds seq ${e.seq} at position ${i + 1} (a gap or a reused seq)`);
  });
  const byId = new Map(t.journal.map((e) => [e.id, e]));
  for (const sale of t.completed) {
    const e = byId.get(sale.id);
    if (!e || e.seq !== sale.seq)
      fail(
        'sale-durable',
        `${name} completed sale seq ${sale.seq} (${sale.id}) but its journal does not hold it`,
      );
  }
  for (let i = verifiedUpTo; i < t.journal.length; i++) {
    const e = t.journal[i] as JournalDoc;
    const broken = checkChainLink(e, i > 0 ? (t.journal[i - 1] as JournalDoc).hash : undefined);
    if (broken) fail('hash-chain', `${name}: ${broken.message}`);
  }
  return t.journal.length;
}

/**
 * At any moment, whatever the network did: the server holds each event once (no seq, no id twice),
 * only events the till wrote, each with the till's hash; each sale folded once with the till's total.
 */
export function checkServerSoFar(t: TillState, s: ServerView): void {
  const name = `till ${t.index + 1}`;
  const local = new Map(t.journal.map((e) => [e.id, e]));
  const seenSeq = new Set<number>();
  for (const row of s.journal) {
    if (seenSeq.has(row.seq)) fail('folded-once', `the server holds seq ${row.seq} of ${name} twice`);
    seenSeq.add(row.seq);
    const mine = local.get(row.id);
    if (!mine)
      fail('no-phantom', `the server holds event ${row.id} (seq ${row.seq}) that ${name} never wrote`);
    if (mine.hash !== row.hash || mine.seq !== row.seq)
      fail('same-event', `the server's copy of ${name}'s seq ${row.seq} differs from the till's`);
  }
  const completed = new Map(t.completed.map((c) => [c.id, c]));
  const folded = new Set<string>();
  for (const sale of s.sales) {
    if (folded.has(sale.eventId)) fail('folded-once', `sale ${sale.eventId} of ${name} is folded twice`);
    folded.add(sale.eventId);
    const c = completed.get(sale.eventId);
    if (!c) fail('no-phantom', `the server has a sale ${sale.eventId} that ${name} never completed`);
    if (c.totalCents !== sale.totalCents)
      fail('same-total', `sale seq ${sale.seq}: till ${c.totalCents}, server ${sale.totalCents} cents`);
  }
}

/**
 * Everything up to the till's acknowledged seq is stored: the till shows "N waiting" as its last
 * seq minus this one. (It found that RxDB's side-by-side batches let a later batch acknowledge an
 * earlier one still in flight, seed 1064; replication.ts now acknowledges contiguous seqs only.)
 */
export function checkAcknowledged(t: TillState, s: ServerView): void {
  const stored = new Set(s.journal.map((r) => r.seq));
  for (let seq = 1; seq <= t.ackSeq; seq++) {
    if (!stored.has(seq))
      fail(
        'acknowledged-is-stored',
        `till ${t.index + 1} was told seq ${t.ackSeq} is stored, but the server lacks seq ${seq}`,
      );
  }
}

/**
 * Exceptions a healthy fleet raises on purpose: a member spent below zero offline (checked by the
 * loyalty invariants), a manager's override used (the manager is to see each one), a points spend
 * on a replica older than 24 h by the till's clock (a clock that jumped since its last contact
 * makes one look so: README, "What it found"), and a rule-drift: a rule limit
 * (a coffee bonus once a day) that an offline till gave again because another till's sale of the
 * member had not reached it — the till's result stands, the manager sees it; and a coupon that
 * two tills accepted offline (`coupon-reused`, checked by coupon-invariants.ts).
 */
export const EXPECTED_EXCEPTIONS: ReadonlySet<string> = new Set([
  'overdraft',
  'override-used',
  'stale-redemption',
  'rule-drift',
  'coupon-reused',
]);

/** After the network healed: the server holds exactly the till's journal and folded every sale once. */
export function checkConverged(t: TillState, s: ServerView): void {
  const name = `till ${t.index + 1}`;
  checkServerSoFar(t, s);
  if (s.journal.length !== t.journal.length) {
    const have = new Set(s.journal.map((r) => r.id));
    const missing = t.journal.filter((e) => !have.has(e.id)).map((e) => e.seq);
    fail(
      'nothing-missing',
      `after healing, the server lacks ${name}'s seq ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}`,
    );
  }
  checkAcknowledged(t, s);
  const tillTotal = t.completed.reduce((n, c) => n + c.totalCents, 0);
  const serverTotal = s.sales.reduce((n, c) => n + c.totalCents, 0);
  if (s.sales.length !== t.completed.length || tillTotal !== serverTotal) {
    fail(
      'sales-total',
      `${name} completed ${t.completed.length} sales for ${tillTotal} cents; the server has ${s.sales.length} for ${serverTotal}`,
    );
  }
  const last = t.journal.length;
  if (s.contiguousSeq !== last || s.maxSeq !== last) {
    fail(
      'seq-tracking',
      `the server tracks ${name} at contiguous ${s.contiguousSeq} / max ${s.maxSeq}; the till is at ${last}`,
    );
  }
  const unexpected = s.exceptions.filter((e) => !EXPECTED_EXCEPTIONS.has(e.kind));
  if (unexpected.length > 0) {
    const e = unexpected[0] as ServerView['exceptions'][number];
    fail(
      'no-exceptions',
      `the server raised ${unexpected.length} exception(s) for ${name}, first ${e.kind}: ${e.message}${e.detail ? ` ${e.detail.slice(0, 600)}` : ''}`,
    );
  }
}

/** Checkpoints never go backwards: keeps the last value per name and refuses a smaller one. */
export class Monotonic {
  private readonly last = new Map<string, number>();
  see(name: string, value: number): void {
    const before = this.last.get(name) ?? 0;
    if (value < before) fail('checkpoint-monotonic', `${name} went back from ${before} to ${value}`);
    this.last.set(name, value);
  }
  forget(name: string): void {
    this.last.delete(name);
  }
}
