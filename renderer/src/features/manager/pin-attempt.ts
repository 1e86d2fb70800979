import { createIdFactory } from '../../../../core/ids';
import type { PinDialog } from '../../../../core/journal';
import type { StoreManager } from '../../../../core/store/store-policy';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { JournalWriter } from '../../db/journal-writer';
import { buildPinFailureEvent } from './build-pin-failure-event';
import { checkManagerPin, type PinCheck } from './check-pin';
import { loadLockout, saveLockout } from './lockout-storage';

/** Where a till's PIN checks are audited: its journal, synced to HQ like any other event. */
export interface PinAudit {
  terminalId: string;
  store: StoreSettings;
  journal: Pick<JournalWriter, 'append'>;
  dialog: PinDialog;
  newId?: (ms: number) => string;
}

/**
 * One PIN typed at this till, checked offline against the lockout kept in local storage; a wrong
 * one that counted is written to the journal (a `pin-failure` event, the fifth `locked`) before
 * the answer is shown. The right PIN and a refusal while locked write nothing. A journal that
 * cannot take the event (storage full) does not change the answer: the lockout still holds.
 */
export function pinAttempts(audit: PinAudit) {
  const newId = audit.newId ?? createIdFactory();
  return async function attempt(manager: StoreManager, pin: string, nowMs: number): Promise<PinCheck> {
    const checked = checkManagerPin(loadLockout(audit.terminalId), manager, pin, nowMs);
    saveLockout(audit.terminalId, checked.lockout);
    const failure = checked.failure;
    if (failure) {
      try {
        await audit.journal.append((head) =>
          buildPinFailureEvent(manager, audit.dialog, failure, {
            id: newId(nowMs),
            terminalId: audit.terminalId,
            store: audit.store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs,
          }),
        );
      } catch (e) {
        console.warn(`kassa: could not journal a wrong manager PIN: ${(e as Error).message}`);
      }
    }
    return checked.result;
  };
}
