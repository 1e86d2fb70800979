import { z } from 'zod';
import {
  giftCardBalanceSchema,
  giftCardPath,
  type GiftCardBalance,
} from '../../../../core/sync/gift-card-protocol';
import { SyncHttpError, syncCall, type SyncEndpoint } from '../../sync/sync-api';

/**
 * A gift card's balance at the till (issue 9): online the server's (GET /sync/v1/gift-cards/:code),
 * kept per code in localStorage with the moment it was read; offline that last known balance minus
 * what this till's own sales took from the card since. Spends of other tills offline are unknown
 * here — the offline policy caps what a card may pay offline, and the server raises
 * `gift-card-overdrawn` when tills together took it below zero.
 */
export type GiftCardLookup =
  | { kind: 'found'; balance: GiftCardBalance }
  | { kind: 'unknown' }
  | { kind: 'unreachable' };

export const GIFT_CARD_LOOKUP_TIMEOUT_MS = 2_000;

export async function lookupGiftCardOnline(
  endpoint: SyncEndpoint,
  code: string,
  transport?: typeof fetch,
): Promise<GiftCardLookup> {
  try {
    const balance = await syncCall(
      endpoint,
      giftCardPath(code),
      giftCardBalanceSchema,
      { signal: AbortSignal.timeout(GIFT_CARD_LOOKUP_TIMEOUT_MS) },
      ...(transport ? [transport] : []),
    );
    return { kind: 'found', balance };
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 404) return { kind: 'unknown' };
    return { kind: 'unreachable' };
  }
}

const knownSchema = z.record(
  z.string().max(64),
  z.object({ balance: giftCardBalanceSchema, at: z.number().int().nonnegative() }),
);
export type KnownGiftCards = z.infer<typeof knownSchema>;

export interface GiftCardCache {
  get(code: string): { balance: GiftCardBalance; at: number } | undefined;
  put(balance: GiftCardBalance, at: number): void;
}

/** The last balances read, per terminal (at most 200 cards: the oldest go first). */
export function giftCardCache(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  terminalId: string,
): GiftCardCache {
  const key = `kassa.giftCards.${terminalId}`;
  const read = (): KnownGiftCards => {
    try {
      const parsed = knownSchema.safeParse(JSON.parse(storage.getItem(key) ?? '{}'));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  };
  return {
    get: (code) => read()[code],
    put(balance, at) {
      const all = { ...read(), [balance.code]: { balance, at } };
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, 200);
      try {
        storage.setItem(key, JSON.stringify(Object.fromEntries(kept)));
      } catch {
        // A full storage: the card is checked online next time.
      }
    },
  };
}

/** What this till's sales took from `code` after `since` (ms), from its journal docs. */
export function spentSince(docs: Iterable<unknown>, code: string, since: number): number {
  let cents = 0;
  for (const doc of docs) {
    const d = doc as { type?: unknown; createdAt?: unknown; payments?: unknown } | null;
    if (!d || d.type !== 'sale' || typeof d.createdAt !== 'number' || d.createdAt <= since) continue;
    if (!Array.isArray(d.payments)) continue;
    for (const p of d.payments as { method?: unknown; code?: unknown; amountCents?: unknown }[]) {
      if (p?.method === 'gift-card' && p.code === code && typeof p.amountCents === 'number')
        cents += p.amountCents;
    }
  }
  return cents;
}

/** The balance a till may use offline: the last known one less its own spends since. */
export function offlineBalance(
  known: { balance: GiftCardBalance; at: number },
  docs: Iterable<unknown>,
): number {
  return known.balance.balanceCents - spentSince(docs, known.balance.code, known.at);
}
