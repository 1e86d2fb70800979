import type { AuditEntry, ExceptionView } from '../../../../core/backoffice/api';
import type { AdjustmentRow } from '../../storage/repos/adjustments';
import type { ExceptionRecord } from '../../storage/repos/exceptions';

export function exceptionView(e: ExceptionRecord): ExceptionView {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    storeId: e.storeId,
    terminalId: e.terminalId,
    eventId: e.eventId,
    seq: e.seq,
    businessDay: e.businessDay,
    memberId: e.memberId,
    pointsAtStake: e.pointsAtStake,
    centsAtStake: e.centsAtStake,
    message: e.message,
    detectedAt: e.detectedAt,
    resolvedAt: e.resolvedAt,
    resolution: e.resolution,
  };
}

export function adjustmentEntry(r: AdjustmentRow): AuditEntry {
  return {
    at: r.at,
    kind: 'adjustment',
    storeId: r.store_id,
    terminalId: r.terminal_id,
    memberId: r.member_id,
    actor: { id: r.actor_id, name: r.actor_name, role: r.actor_role },
    action: r.action,
    resolution: r.resolution,
    note: r.note,
    exceptionId: r.exception_id,
    exceptionKind: r.exception_kind,
    points: r.points,
    cents: r.cents,
    eventId: r.event_id,
    serverSeq: r.server_seq,
  };
}
