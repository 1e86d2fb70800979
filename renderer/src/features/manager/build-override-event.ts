import {
  managerOverrideV1Schema,
  sealEvent,
  type ManagerOverrideEvent,
  type UnsignedEvent,
} from '../../../../core/journal';
import type { StoreManager } from '../../../../core/store/store-policy';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import type { OverrideRequest } from './useManagerOverride';

export interface OverrideContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
}

/**
 * The one `manager-override` journal event a manager's yes writes, sealed into the chain and
 * parsed with the shared schema before it is written (a refused event is a bug here).
 */
export function buildOverrideEvent(
  req: OverrideRequest,
  manager: StoreManager,
  reason: string,
  ctx: OverrideContext,
): ManagerOverrideEvent {
  const unsigned: UnsignedEvent<ManagerOverrideEvent> = {
    id: ctx.id,
    type: 'manager-override',
    schemaVersion: 1,
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    managerId: manager.managerId,
    managerName: manager.name,
    action: req.action,
    reason: reason.trim(),
    allowed: {
      eventId: req.eventId,
      memberId: req.memberId,
      description: req.description,
      requested: req.requested,
      limit: req.limit,
      unit: req.unit,
    },
  };
  return managerOverrideV1Schema.parse(sealEvent<ManagerOverrideEvent>(unsigned)) as ManagerOverrideEvent;
}
