import {
  RETURN_SCHEMA_VERSION,
  returnV1Schema,
  sealEvent,
  type ReturnEvent,
  type UnsignedEvent,
} from '../../../../core/journal';
import type { ReturnPlan } from '../../../../core/loyalty/return-reversal';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import type { FoundSale } from './return-state';

export interface ReturnContext {
  id: string;
  terminalId: string;
  store: StoreSettings;
  seq: number;
  prevHash: string;
  nowMs: number;
  reason: string;
  /** manager-override events (written before this return) that allowed it. */
  overrides: readonly string[];
}

/**
 * The one `return` journal event of a confirmed return, sealed into the terminal's chain: it
 * names the original sale and carries the plan as the cashier saw it (lines, refunds by tender,
 * the member's loyalty reversed). Parsed with the shared schema before it is written.
 */
export function buildReturnEvent(plan: ReturnPlan, found: FoundSale, ctx: ReturnContext): ReturnEvent {
  const { sale } = found;
  const unsigned: UnsignedEvent<ReturnEvent> = {
    id: ctx.id,
    type: 'return',
    terminalId: ctx.terminalId,
    storeId: ctx.store.storeId,
    seq: ctx.seq,
    prevHash: ctx.prevHash,
    schemaVersion: RETURN_SCHEMA_VERSION,
    createdAt: ctx.nowMs,
    businessDay: businessDayOf(ctx.nowMs, ctx.store.timeZone),
    currency: sale.currency,
    original: {
      saleId: sale.id,
      terminalId: sale.terminalId,
      storeId: sale.storeId,
      seq: sale.seq,
      businessDay: sale.businessDay,
    },
    lines: plan.lines.map((l) => ({ ...l })),
    totalCents: plan.totalCents,
    refunds: plan.refunds.map((t) => ({ ...t })),
    loyalty: plan.loyalty,
    restoredCoupons: [...plan.restoredCoupons],
    reason: ctx.reason,
    overrides: [...ctx.overrides],
  };
  return returnV1Schema.parse(sealEvent<ReturnEvent>(unsigned)) as ReturnEvent;
}
