import type { ManagerOverrideEvent } from '../../../../core/journal/manager-override-event';
import type { Projection } from './projection';

/**
 * Every manager override at a till (issue 9) is shown to the managers as `override-used`:
 * informational — who allowed what, why, above which limit — so none goes unseen (issue 10 resolves
 * them). Raised once per override event (its key); a refold keeps them.
 */
export const overridesProjection: Projection = {
  name: 'overrides',
  reads: 'events',
  wants: (e) => e.type === 'manager-override',
  async fold(tx, inputs) {
    for (const i of inputs) {
      if (i.event?.type !== 'manager-override') continue;
      const o: ManagerOverrideEvent = i.event;
      const a = o.allowed;
      await tx.exceptions.insert({
        kind: 'override-used',
        terminalId: o.terminalId,
        storeId: o.storeId,
        eventId: o.id,
        seq: o.seq,
        message: `${o.managerName} (${o.managerId}) allowed ${o.action} on ${a.eventId}: ${a.description} — ${a.requested} ${a.unit} asked, the limit is ${a.limit}. Reason: ${o.reason}`,
        detail: JSON.stringify({
          managerId: o.managerId,
          managerName: o.managerName,
          action: o.action,
          reason: o.reason,
          allowed: a,
        }),
        detectedAt: o.createdAt,
        dedupeKey: `override-used:${o.terminalId}:${o.id}`,
      });
    }
  },
  // Its output is exceptions, which a refold keeps (raised once by their key).
  reset: async () => {},
};
