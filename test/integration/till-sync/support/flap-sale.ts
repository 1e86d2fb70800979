import { ulid } from 'ulid';
import type { LoyaltyEntry, SaleEvent, SaleLoyalty, Tender } from '../../../../core/journal';
import { rulesMemberOf } from '../../../../core/loyalty/rules-member';
import type { ProductCode } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { evaluate } from '../../../../core/rules/evaluate';
import { basketLineFromSale } from '../../../../core/rules/from-sale';
import { parseProgram } from '../../../../core/rules/validate';
import type { ProductDoc } from '../../../../renderer/src/db/database';
import type { JournalWriter } from '../../../../renderer/src/db/journal-writer';
import { addProduct, EMPTY_BASKET, type Basket } from '../../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../../renderer/src/features/checkout/build-sale-event';
import starsPerEuro from '../../../../sync-server/programs/demo/stars-per-euro.json';
import type { Prng } from '../../../simulation/prng';

/** The demo's "stars per euro" program, as the till evaluates it (the server re-evaluates with it). */
export const STARS = (() => {
  const r = parseProgram(structuredClone(starsPerEuro));
  if (!r.ok) throw new Error(r.message);
  return r.value;
})();

export interface RungSale {
  sale: SaleEvent;
  memberId: string | null;
  /** The points the sale's ledger gives its member. */
  points: number;
}

/** A member as the till's rules see them: no tier, segment, birthday or history (demo members 7, 10, …). */
const plainMember = (memberId: string) =>
  rulesMemberOf({
    memberId,
    tier: null,
    segments: [],
    birthday: null,
    enrolledAt: 0,
    optedIn: true,
    counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
  });

function loyaltyOf(saleId: string, basket: Basket, memberId: string, store: StoreSettings, nowMs: number) {
  const ledger: LoyaltyEntry[] = evaluate(
    [STARS],
    {
      id: saleId,
      currency: store.currency,
      lines: basket.lines.map((l) => basketLineFromSale({ ...l, discountCents: 0 }, undefined)),
    },
    plainMember(memberId),
    { at: nowMs, storeId: store.storeId, channel: 'store', timeZone: store.timeZone, transactionId: saleId },
  ).ledger.map((e) => ({
    id: e.id,
    account: e.account,
    unit: e.unit,
    amount: e.amount,
    programId: e.programId,
    programVersion: e.programVersion,
    ruleId: e.ruleId,
    text: e.text,
  }));
  const loyalty: SaleLoyalty = {
    memberId,
    provisionalCard: null,
    programs: [{ programId: STARS.id, version: STARS.version }],
    ledger,
  };
  return loyalty;
}

/**
 * One shopper at the till: 1–4 products of the till's own catalogue, a member's card on about a
 * third of the sales (their stars evaluated by core/rules, as the till does), paid by card, built
 * by the renderer's sale builder and appended by the journal writer ("sale complete" once the
 * insert resolved).
 */
export async function ringUp(
  writer: JournalWriter,
  shopper: Prng,
  at: {
    terminalId: string;
    store: StoreSettings;
    products: readonly ProductDoc[];
    members: readonly string[];
  },
): Promise<RungSale> {
  let basket: Basket = EMPTY_BASKET;
  for (let i = shopper.int(1, 4); i > 0; i--) {
    const p = shopper.pick(at.products);
    const code: ProductCode = { kind: 'gtin', symbology: 'ean13', gtin: p.code, lookupCode: p.code };
    const added = addProduct(basket, p, code, `l${basket.lines.length + 1}`);
    if (added.ok) basket = added.value;
  }
  const nowMs = Date.now();
  const id = ulid(nowMs, () => shopper.fraction());
  const memberId = shopper.int(0, 2) === 0 ? shopper.pick(at.members) : null;
  const loyalty = memberId ? loyaltyOf(id, basket, memberId, at.store, nowMs) : null;
  const total = basket.lines.reduce((n, l) => n + l.amountCents, 0);
  const payments: Tender[] = [{ method: 'card', amountCents: total } as Tender];
  const sale = await writer.append((head) =>
    buildSaleEvent(basket, payments, {
      id,
      terminalId: at.terminalId,
      store: at.store,
      seq: head.seq + 1,
      prevHash: head.hash,
      nowMs,
      ...(loyalty ? { loyalty } : {}),
    }),
  );
  const points = (loyalty?.ledger ?? []).reduce((n, e) => (e.account === 'points' ? n + e.amount : n), 0);
  return { sale, memberId, points };
}
