import type { AdjustmentEvent } from '../../../../core/journal/adjustment-event';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import { AdjustmentsRepo } from '../../storage/repos/adjustments';
import type { Projection } from './projection';

/**
 * A manager's `adjustment` events (server stream) folded into the exception's status and
 * resolution and into one `adjustments` row each (the audit trail). A refold resets every status
 * a manager set (not what the server itself cleared) and replays them, so the same journal gives
 * the same statuses. The ledger rows an adjustment carries are the ledger projection's.
 */
export const exceptionStatusProjection: Projection = {
  name: 'exception-status',
  reads: 'events',
  wants: (e) => (e.type as string) === 'adjustment',
  async fold(tx, inputs) {
    const repo = new AdjustmentsRepo(tx.db);
    for (const i of inputs) {
      if (i.envelope.terminalId !== SERVER_TERMINAL_ID || (i.event?.type as string) !== 'adjustment')
        continue;
      const a = i.event as unknown as AdjustmentEvent;
      const exc = await tx.exceptions.get(a.exceptionId);
      const points = a.ledger.reduce((s, e) => (e.account === 'points' ? s + e.amount : s), 0);
      await repo.insert({
        event_id: a.id,
        server_seq: i.serverSeq,
        exception_id: a.exceptionId,
        exception_kind: a.exceptionKind,
        action: a.action,
        resolution: a.resolution,
        note: a.note,
        actor_id: a.by.userId,
        actor_name: a.by.name,
        actor_role: a.by.role,
        store_id: a.storeId,
        terminal_id: a.lostSeqs?.terminalId ?? exc?.terminalId ?? null,
        member_id: a.memberId,
        points,
        cents: a.cost?.cents ?? 0,
        cost_bearer: a.cost?.bearer ?? null,
        lost_from: a.lostSeqs?.from ?? null,
        lost_to: a.lostSeqs?.to ?? null,
        at: a.createdAt,
      });
      if (!exc || exc.status === 'resolved') continue;
      if (a.action === 'resolve')
        await tx.exceptions.setStatus(exc.id, 'resolved', a.resolution, a.createdAt);
      else await tx.exceptions.setStatus(exc.id, 'acknowledged', null, null);
    }
  },
  async reset(tx) {
    await new AdjustmentsRepo(tx.db).reset();
    await tx.exceptions.resetManagerStatus();
  },
};
