import type { PinFailureEvent } from '../../../../core/journal/pin-failure-event';
import type { Projection } from './projection';

const DIALOG_TEXT: Record<PinFailureEvent['dialog'], string> = {
  override: 'the override dialog',
  'manager-mode': 'manager mode',
};

/**
 * Wrong manager PINs typed at the tills (issue 11, scenario 19), from their `pin-failure` events:
 * each one is shown to the managers as `pin-failure` (informational, like override-used: none goes
 * unseen), and the one that locked the manager out on that till as `pin-lockout`. Raised once per
 * event (its key), however often it is pushed again; a refold keeps them. The PIN itself never
 * leaves the till.
 */
export const pinFailuresProjection: Projection = {
  name: 'pin-failures',
  reads: 'events',
  wants: (e) => e.type === 'pin-failure',
  async fold(tx, inputs) {
    for (const i of inputs) {
      if (i.event?.type !== 'pin-failure') continue;
      const p: PinFailureEvent = i.event;
      const who = `${p.managerName} (${p.managerId})`;
      const where = `${DIALOG_TEXT[p.dialog]} at ${p.terminalId}`;
      const kind = p.locked ? 'pin-lockout' : 'pin-failure';
      await tx.exceptions.insert({
        kind,
        terminalId: p.terminalId,
        storeId: p.storeId,
        eventId: p.id,
        seq: p.seq,
        message: p.locked
          ? `${who} is locked out of ${p.terminalId} until ${new Date(p.lockedUntil ?? p.createdAt).toISOString()}: ${p.failures} wrong PINs in a row, the last in ${where}.`
          : `Wrong PIN for ${who} in ${where}: try ${p.failures} of ${p.maxTries} before a lockout.`,
        detail: JSON.stringify({
          managerId: p.managerId,
          managerName: p.managerName,
          dialog: p.dialog,
          failures: p.failures,
          maxTries: p.maxTries,
          locked: p.locked,
          lockedUntil: p.lockedUntil,
        }),
        detectedAt: p.createdAt,
        businessDay: p.businessDay,
        dedupeKey: `${kind}:${p.terminalId}:${p.id}`,
      });
    }
  },
  // Its output is exceptions, which a refold keeps (raised once by their key).
  reset: async () => {},
};
