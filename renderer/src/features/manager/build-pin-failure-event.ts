import {
  pinFailureV1Schema,
  sealEvent,
  type PinDialog,
  type PinFailureEvent,
  type UnsignedEvent,
} from '../../../../core/journal';
import type { StoreManager } from '../../../../core/store/store-policy';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import type { PinFailure } from './check-pin';

export interface PinFailureContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
}

/**
 * The `pin-failure` journal event one counted wrong PIN writes, sealed into the chain and parsed
 * with the shared schema. Who was tried and what came of it; never the PIN nor its hash.
 */
export function buildPinFailureEvent(
  manager: StoreManager,
  dialog: PinDialog,
  failure: PinFailure,
  ctx: PinFailureContext,
): PinFailureEvent {
  const unsigned: UnsignedEvent<PinFailureEvent> = {
    id: ctx.id,
    type: 'pin-failure',
    schemaVersion: 1,
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    managerId: manager.managerId,
    managerName: manager.name,
    dialog,
    failures: failure.failures,
    maxTries: failure.maxTries,
    locked: failure.locked,
    lockedUntil: failure.lockedUntil,
  };
  return pinFailureV1Schema.parse(sealEvent<PinFailureEvent>(unsigned)) as PinFailureEvent;
}
