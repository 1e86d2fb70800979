import { DEMO_COUPON_KEY, DEMO_GIFT_KEY } from '../../../core/scan/scan-config';
import { COUPON_FORMAT_ID, GIFT_CARD_FORMAT_ID } from '../../../core/sync/terminal-keys';
import { useCodeKey } from '../domain/code-keys';
import { ensureManager } from '../domain/managers';
import type { Storage } from '../storage/storage';

/**
 * The demo stores' managers, one per store, with PINs that are public in this repository (the
 * demo only). A cashier at the Amsterdam till asks Sanne de Vries (PIN 1234) for an override.
 */
export const DEMO_MANAGERS: readonly { storeId: string; managerId: string; name: string; pin: string }[] = [
  { storeId: 'store-demo-ams', managerId: 'mgr-ams-sanne', name: 'Sanne de Vries', pin: '1234' },
  { storeId: 'store-demo-utr', managerId: 'mgr-utr-daan', name: 'Daan Bakker', pin: '2345' },
  { storeId: 'store-demo-ehv', managerId: 'mgr-ehv-ioana', name: 'Ioana Popescu', pin: '3456' },
];

/**
 * The demo's spending setup: every demo store follows the default offline policy and line limits
 * (nothing stored: core/store/store-policy.ts's numbers, which reach the demo when they change)
 * and has its manager; the server signs and the tills verify coupons and gift cards with the
 * public demo keys of core/scan/scan-config.ts, so the codes printed for the demo verify.
 * Idempotent: a second run writes nothing.
 */
export async function seedDemoSpending(storage: Storage, now: number): Promise<void> {
  await storage.transaction(async (tx) => {
    for (const m of DEMO_MANAGERS) await ensureManager(tx, m.storeId, m, now);
    await useCodeKey(tx, COUPON_FORMAT_ID, DEMO_COUPON_KEY, now);
    await useCodeKey(tx, GIFT_CARD_FORMAT_ID, DEMO_GIFT_KEY, now);
  });
}
