import type { GiftCardKind } from '../../../core/loyalty/gift-card';
import { DEMO_GIFT_KEY } from '../../../core/scan/scan-config';
import { useCodeKey } from '../domain/code-keys';
import { GIFT_CARD_FORMAT_ID } from '../domain/gift-cards/format';
import { issueGiftCard } from '../domain/gift-cards/issue';
import type { Storage } from '../storage/storage';
import { DEMO_STORE } from './demo-catalogue';

export interface DemoGiftCard {
  code: string;
  kind: GiftCardKind;
  currency: string;
  balanceCents: number;
}

/** The demo's cards: one of €25.00, one of €5.00 (to see a split tender), and €10.00 store credit. */
const DEMO_GIFT_CARDS: readonly { key: string; kind: GiftCardKind; amountCents: number }[] = [
  { key: 'demo-gift-card-25', kind: 'gift-card', amountCents: 2_500 },
  { key: 'demo-gift-card-5', kind: 'gift-card', amountCents: 500 },
  { key: 'demo-store-credit-10', kind: 'store-credit', amountCents: 1_000 },
];

/**
 * Issues the demo's gift cards at the demo store, as HQ would (signed codes, server stream).
 * Idempotent: each has its own key, so a second seed answers the same codes and writes nothing;
 * the balances answered are what is left after the demo's sales.
 */
export async function seedDemoGiftCards(storage: Storage, now: number): Promise<DemoGiftCard[]> {
  // Signed with the public demo key (a no-op when it is current already), so the codes verify on
  // a demo till before it has fetched its terminal keys too.
  await storage.transaction((tx) => useCodeKey(tx, GIFT_CARD_FORMAT_ID, DEMO_GIFT_KEY, now));
  const cards: DemoGiftCard[] = [];
  for (const c of DEMO_GIFT_CARDS) {
    const r = await issueGiftCard(
      storage,
      { kind: c.kind, amountCents: c.amountCents, storeId: DEMO_STORE.storeId, key: c.key },
      now,
    );
    if (!r.ok) throw new Error(`demo gift card ${c.key}: ${r.message}`);
    const { code, kind, currency, balanceCents } = r.value;
    cards.push({ code, kind, currency, balanceCents });
  }
  return cards;
}
