import type { SaleRecord } from '../../../core/folds/sale-record';
import type { ExceptionKind } from '../storage/repos/exceptions';
import type { ExactSum } from '../storage/repos/sales';
import type { TerminalRecord } from '../storage/repos/terminals';
import type { Storage } from '../storage/storage';
import { gapsOf, type SeqGap } from './seq-tracking';

/** What the admin API and CLI show: the stored sale without the storage-only line number. */
export type SaleReport = Omit<SaleRecord, 'lines'> & {
  lines: Omit<SaleRecord['lines'][number], 'lineNo'>[];
  /**
   * What the customer gave on top of the goods (a round-up): not revenue, so not in totalCents.
   * It is what the payments took beyond the total, exact for a sale that adds up (the totals check
   * raises `totals-mismatch` for one that does not), so it needs no column of its own.
   */
  donationCents: number;
};

export interface SalesReport {
  /** Newest first, at most `limit`. */
  sales: SaleReport[];
  /** Over every matching sale, not only the listed ones; the sum is exact (see ExactSum). */
  totals: { count: number; totalCents: ExactSum };
}

export async function salesReport(
  storage: Storage,
  filter: { storeId?: string; terminalId?: string; limit?: number },
): Promise<SalesReport> {
  const records = await storage.sales.list({ ...filter, limit: filter.limit ?? 500 });
  const sales = records.map(({ lines, ...s }) => ({
    ...s,
    lines: lines.map(({ lineNo: _n, ...l }) => l),
    donationCents: Math.max(0, s.payments.reduce((n, p) => n + p.amountCents, 0) - s.totalCents),
  }));
  const { limit: _limit, ...where } = filter;
  return { sales, totals: await storage.sales.totals(where) };
}

export interface TerminalReport {
  terminalId: string;
  storeId: string;
  name: string | null;
  pairedAt: number;
  lastSeenAt: number | null;
  /** Highest seq received. */
  lastSeq: number;
  /** Every seq up to here has arrived. */
  contiguousSeq: number;
  /** The first MAX_GAPS_LISTED missing ranges, lowest first. */
  gaps: SeqGap[];
  /** Missing ranges above the listed ones (a till that skipped 100,000 seqs is one answer, not 100,000). */
  gapsNotListed: number;
}

/** Gaps listed per terminal; the rest are counted. */
export const MAX_GAPS_LISTED = 100;
const SEQ_PAGE = 1_000;

/** The first `max` gaps above `contiguous`, paging through the seqs, and how many more there are. */
async function gapsOfTerminal(
  storage: Storage,
  terminalId: string,
  contiguous: number,
  max: number,
): Promise<{ gaps: SeqGap[]; notListed: number }> {
  const gaps: SeqGap[] = [];
  let after = contiguous;
  for (;;) {
    const page = await storage.journal.seqsAbovePage(terminalId, after, SEQ_PAGE);
    for (const g of gapsOf(after, page)) {
      if (gaps.length === max) {
        // Count the rest in the database: every gap above the last one listed.
        const last = (gaps[gaps.length - 1] as SeqGap).to + 1;
        return { gaps, notListed: await storage.journal.gapCountAbove(terminalId, last) };
      }
      gaps.push(g);
    }
    if (page.length < SEQ_PAGE) return { gaps, notListed: 0 };
    after = page[page.length - 1] as number;
  }
}

async function reportTerminal(storage: Storage, t: TerminalRecord): Promise<TerminalReport> {
  const { gaps, notListed } =
    t.maxSeq > t.contiguousSeq
      ? await gapsOfTerminal(storage, t.terminalId, t.contiguousSeq, MAX_GAPS_LISTED)
      : { gaps: [], notListed: 0 };
  return {
    terminalId: t.terminalId,
    storeId: t.storeId,
    name: t.name,
    pairedAt: t.pairedAt,
    lastSeenAt: t.lastSeenAt,
    lastSeq: t.maxSeq,
    contiguousSeq: t.contiguousSeq,
    gaps,
    gapsNotListed: notListed,
  };
}

export async function terminalsReport(storage: Storage, storeId?: string): Promise<TerminalReport[]> {
  const terminals = await storage.terminals.list(storeId);
  return Promise.all(terminals.map((t) => reportTerminal(storage, t)));
}

export interface ExceptionReport {
  /**
   * Stored exceptions have an id. Derived ones have none and disappear when their cause does: an
   * open seq gap closes when the events arrive, a parked event is folded when a server that
   * understands it starts, a fold failure is retried by refold.
   */
  id: number | null;
  kind: ExceptionKind | 'seq-gap' | 'parked' | 'fold-failed';
  terminalId: string;
  storeId: string;
  eventId: string | null;
  seq: number | null;
  message: string;
  detail: unknown;
  detectedAt: number | null;
}

export async function exceptionsReport(
  storage: Storage,
  filter: { storeId?: string; terminalId?: string; limit?: number },
): Promise<{ exceptions: ExceptionReport[] }> {
  const where = {
    ...(filter.storeId !== undefined ? { storeId: filter.storeId } : {}),
    ...(filter.terminalId !== undefined ? { terminalId: filter.terminalId } : {}),
  };
  const [stored, parked, failures, terminals] = await Promise.all([
    storage.exceptions.list({ ...where, limit: filter.limit ?? 500 }),
    storage.parked.list(where),
    storage.foldFailures.list(where),
    terminalsReport(storage, filter.storeId),
  ]);
  // A gap that a refused event explains says so: the till holds that event, the server refused it.
  const refused = stored.filter((e) => e.kind === 'event-refused' && e.seq !== null);
  const refusedIn = (terminalId: string, g: SeqGap) =>
    [
      ...new Set(
        refused
          .filter(
            (e) => e.terminalId === terminalId && (e.seq as number) >= g.from && (e.seq as number) <= g.to,
          )
          .map((e) => e.seq as number),
      ),
    ].sort((x, y) => x - y);
  const gaps: ExceptionReport[] = terminals
    .filter((t) => filter.terminalId === undefined || t.terminalId === filter.terminalId)
    .flatMap((t) =>
      t.gaps.map((g, i) => ({
        id: null,
        kind: 'seq-gap' as const,
        terminalId: t.terminalId,
        storeId: t.storeId,
        eventId: null,
        seq: g.from,
        message:
          (g.from === g.to
            ? `Terminal ${t.terminalId}: event seq ${g.from} has not arrived.`
            : `Terminal ${t.terminalId}: events seq ${g.from}–${g.to} have not arrived.`) +
          (refusedIn(t.terminalId, g).length > 0
            ? ` Seq ${refusedIn(t.terminalId, g).join(', ')} arrived and was refused (see event-refused); the till still holds it.`
            : '') +
          (i === t.gaps.length - 1 && t.gapsNotListed > 0
            ? ` ${t.gapsNotListed} more gaps above seq ${g.to} are not listed.`
            : ''),
        detail: {
          ...g,
          refusedSeqs: refusedIn(t.terminalId, g),
          ...(i === t.gaps.length - 1 && t.gapsNotListed > 0 ? { gapsNotListed: t.gapsNotListed } : {}),
        },
        detectedAt: null,
      })),
    );
  return {
    exceptions: [
      ...gaps,
      ...parked.map((p) => ({
        id: null,
        kind: 'parked' as const,
        terminalId: p.terminal_id,
        storeId: p.store_id,
        eventId: p.event_id,
        seq: p.seq,
        message: `${p.message} It is stored and will be folded when a server that understands it starts.`,
        detail: { type: p.type, schemaVersion: p.schema_version, reason: p.reason, serverSeq: p.server_seq },
        detectedAt: p.parked_at,
      })),
      ...failures.map((f) => ({
        id: null,
        kind: 'fold-failed' as const,
        terminalId: f.terminal_id,
        storeId: f.store_id,
        eventId: f.event_id,
        seq: f.seq,
        message: `Event ${f.event_id} (seq ${f.seq}) is stored but the ${f.projection} projection could not fold it: ${f.error}`,
        detail: { projection: f.projection, serverSeq: f.server_seq, error: f.error },
        detectedAt: f.failed_at,
      })),
      // The derived kinds are stored too since issue 10 (with a status); this report lists them from their source.
      ...stored
        .filter((e) => e.kind !== 'seq-gap' && e.kind !== 'parked' && e.kind !== 'fold-failed')
        .map((e) => ({ ...e, detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown) })),
    ],
  };
}
