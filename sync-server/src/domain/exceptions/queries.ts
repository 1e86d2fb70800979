import type {
  AuditEntry,
  ExceptionDetail,
  ExceptionView,
  InvolvedEvent,
} from '../../../../core/backoffice/api';
import { AdjustmentsRepo } from '../../storage/repos/adjustments';
import type { ExceptionRecord, ExceptionStatus } from '../../storage/repos/exceptions';
import type { Storage } from '../../storage/storage';
import { optionsFor, parseDetail } from './options';
import { adjustmentEntry, exceptionView } from './views';

export interface ExceptionsQuery {
  /** The stores a user may see; undefined = every store (the admin token, an HQ admin). */
  storeIds?: readonly string[];
  terminalId?: string;
  kind?: string;
  status?: ExceptionStatus;
  day?: string;
  limit: number;
}

export async function listExceptions(storage: Storage, q: ExceptionsQuery): Promise<ExceptionView[]> {
  return (await storage.exceptions.list(q)).map(exceptionView);
}

/** The exception, its events side by side (the stored documents), what a manager may do, and what was done. */
export async function exceptionDetail(storage: Storage, id: number): Promise<ExceptionDetail | undefined> {
  const e = await storage.exceptions.get(id);
  if (!e) return undefined;
  const refs = await storage.exceptions.events(id);
  const events: InvolvedEvent[] = [];
  for (const ref of refs) {
    const [row] = await storage.journal.byIds(ref.terminalId, [ref.eventId]);
    if (!row) continue;
    const document = JSON.parse(row.body) as Record<string, unknown>;
    events.push({
      terminalId: row.terminal_id,
      eventId: row.id,
      seq: Number(row.seq),
      serverSeq: Number(row.server_seq),
      type: row.type,
      createdAt: typeof document.createdAt === 'number' ? document.createdAt : Number(row.received_at),
      document,
    });
  }
  events.sort((a, b) => a.serverSeq - b.serverSeq);
  const history = (await new AdjustmentsRepo(storage.db).list({ exceptionId: id, limit: 100 }))
    .map(adjustmentEntry)
    .reverse();
  return {
    exception: exceptionView(e),
    events,
    options: e.status === 'resolved' ? [] : optionsFor(e),
    history,
  };
}

export interface AuditQuery {
  storeIds?: readonly string[];
  terminalId?: string;
  memberId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  limit: number;
}

/**
 * Who changed what, newest first: every adjustment a manager made on the back office and every
 * override a manager allowed at a till (the `override-used` exceptions the overrides projection
 * raised, one per manager-override event).
 */
export async function auditTrail(storage: Storage, q: AuditQuery): Promise<AuditEntry[]> {
  const adjustments = (await new AdjustmentsRepo(storage.db).list(q)).map(adjustmentEntry);
  const overrides = q.memberId === undefined ? await overrideEntries(storage, q) : [];
  return [...adjustments, ...overrides]
    .sort((a, b) => b.at - a.at || b.serverSeq - a.serverSeq)
    .slice(0, q.limit);
}

async function overrideEntries(storage: Storage, q: AuditQuery): Promise<AuditEntry[]> {
  const found = await storage.exceptions.list({
    kind: 'override-used',
    ...(q.storeIds !== undefined ? { storeIds: q.storeIds } : {}),
    ...(q.terminalId !== undefined ? { terminalId: q.terminalId } : {}),
    limit: q.limit * 4,
  });
  const out: AuditEntry[] = [];
  for (const e of found) {
    if (q.from !== undefined && e.detectedAt < q.from) continue;
    if (q.to !== undefined && e.detectedAt >= q.to) continue;
    out.push(await overrideEntry(storage, e));
  }
  return out;
}

async function overrideEntry(storage: Storage, e: ExceptionRecord): Promise<AuditEntry> {
  const d = parseDetail(e);
  const [row] = e.eventId === null ? [] : await storage.journal.byIds(e.terminalId, [e.eventId]);
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    at: e.detectedAt,
    kind: 'override',
    storeId: e.storeId,
    terminalId: e.terminalId,
    memberId: e.memberId,
    actor: { id: str(d.managerId), name: str(d.managerName), role: 'store-manager' },
    action: str(d.action),
    resolution: null,
    note: str(d.reason),
    exceptionId: e.id,
    exceptionKind: e.kind,
    points: 0,
    cents: 0,
    eventId: e.eventId ?? '',
    serverSeq: row ? Number(row.server_seq) : 0,
  };
}
