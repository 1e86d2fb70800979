import type { Payment } from '../../../core/journal/sale-event';
import type { SaleLineRecord, SaleRecord, Storage, TerminalRecord } from '../storage/port';
import { gapsOf, type SeqGap } from './seq-tracking';

/**
 * What the admin API and CLI show: the stored sale with its payments parsed and the storage-only
 * line number dropped. Plain data: the HTTP layer serialises it as is.
 */
export type SaleReport = Omit<SaleRecord, 'payments' | 'lines'> & {
  payments: Payment[];
  lines: Omit<SaleLineRecord, 'lineNo'>[];
};

export interface SalesReport {
  /** Newest first, at most `limit`. */
  sales: SaleReport[];
  /** Over every matching sale, not only the listed ones. */
  totals: { count: number; totalCents: number };
}

export async function salesReport(
  storage: Storage,
  filter: { storeId?: string; terminalId?: string; limit?: number },
): Promise<SalesReport> {
  const records = await storage.listSales({ ...filter, limit: filter.limit ?? 500 });
  const sales = records.map(({ payments, lines, ...s }) => ({
    ...s,
    payments: JSON.parse(payments) as Payment[],
    lines: lines.map(({ lineNo: _n, ...l }) => l),
  }));
  const { limit: _limit, ...where } = filter;
  return { sales, totals: await storage.salesTotals(where) };
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
  gaps: SeqGap[];
}

async function reportTerminal(storage: Storage, t: TerminalRecord): Promise<TerminalReport> {
  const gaps =
    t.maxSeq > t.contiguousSeq
      ? gapsOf(t.contiguousSeq, await storage.journalSeqsAbove(t.terminalId, t.contiguousSeq))
      : [];
  return {
    terminalId: t.terminalId,
    storeId: t.storeId,
    name: t.name,
    pairedAt: t.pairedAt,
    lastSeenAt: t.lastSeenAt,
    lastSeq: t.maxSeq,
    contiguousSeq: t.contiguousSeq,
    gaps,
  };
}

export async function terminalsReport(storage: Storage, storeId?: string): Promise<TerminalReport[]> {
  const terminals = await storage.listTerminals(storeId);
  return Promise.all(terminals.map((t) => reportTerminal(storage, t)));
}

export interface ExceptionReport {
  /** Stored exceptions have an id; an open seq gap is derived and closes when the events arrive. */
  id: number | null;
  kind: 'tamper' | 'chain-break' | 'seq-reused' | 'seq-gap';
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
  const stored = await storage.listExceptions({ ...filter, limit: filter.limit ?? 500 });
  const terminals = (await terminalsReport(storage, filter.storeId)).filter(
    (t) => filter.terminalId === undefined || t.terminalId === filter.terminalId,
  );
  const gaps: ExceptionReport[] = terminals.flatMap((t) =>
    t.gaps.map((g) => ({
      id: null,
      kind: 'seq-gap' as const,
      terminalId: t.terminalId,
      storeId: t.storeId,
      eventId: null,
      seq: g.from,
      message:
        g.from === g.to
          ? `Terminal ${t.terminalId}: event seq ${g.from} has not arrived.`
          : `Terminal ${t.terminalId}: events seq ${g.from}–${g.to} have not arrived.`,
      detail: g,
      detectedAt: null,
    })),
  );
  return {
    exceptions: [
      ...gaps,
      ...stored.map((e) => ({ ...e, detail: e.detail === null ? null : (JSON.parse(e.detail) as unknown) })),
    ],
  };
}
