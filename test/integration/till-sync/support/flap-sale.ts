import { ulid } from 'ulid';
import type { SaleEvent, Tender } from '../../../../core/journal';
import type { ProductCode } from '../../../../core/scan/product-code';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createProgramCache, parseProgram } from '../../../../core/rules';
import type { ProductDoc } from '../../../../renderer/src/db/database';
import type { JournalWriter } from '../../../../renderer/src/db/journal-writer';
import { addProduct, EMPTY_BASKET, type Basket } from '../../../../renderer/src/features/checkout/basket';
import { buildSaleEvent } from '../../../../renderer/src/features/checkout/build-sale-event';
import type { Identification } from '../../../../renderer/src/features/members/identify';
import {
  evaluateSale,
  lineDiscounts,
  saleDonationsOf,
  saleLoyaltyOf,
} from '../../../../renderer/src/features/members/sale-loyalty';
import starsPerEuro from '../../../../sync-server/programs/demo/stars-per-euro.json';
import type { Prng } from '../../../simulation/prng';

/** The demo's "stars per euro" program, compiled as the till compiles it (the server re-evaluates with it). */
export const STARS = (() => {
  const r = parseProgram(structuredClone(starsPerEuro));
  if (!r.ok) throw new Error(r.message);
  return createProgramCache().get(r.value);
})();

export interface RungSale {
  sale: SaleEvent;
  memberId: string | null;
  /** The points the sale's ledger gives its member. */
  points: number;
}

/**
 * One shopper at the till: 1–4 products of the till's own catalogue, a member's card on about a
 * third of the sales, paid by card. The loyalty is the till's own (sale-loyalty.ts: the lines with
 * their catalogue category, brand and tags, evaluated with the stars program; the member is not
 * in this till's replica, so they earn as a member with no history), the event is built by the
 * renderer's sale builder and appended by the journal writer ("sale complete" once the insert
 * resolved).
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
  const identification: Identification | null = memberId
    ? { kind: 'member', memberId, via: 'card', card: null }
    : null;
  const byId = new Map(at.products.map((p) => [p.id, p]));
  const evaluation = evaluateSale({
    saleId: id,
    currency: at.store.currency,
    lines: basket.lines,
    product: (productId) => byId.get(productId),
    identification,
    memberDoc: undefined,
    programs: [STARS],
    store: at.store,
    at: nowMs,
  });
  const loyalty = saleLoyaltyOf(evaluation, identification);
  const discounts = lineDiscounts(evaluation);
  const donations = saleDonationsOf(evaluation);
  const due =
    basket.lines.reduce((n, l) => n + l.amountCents - Math.min(l.amountCents, discounts[l.lineId] ?? 0), 0) +
    donations.reduce((n, d) => n + d.cents, 0);
  const payments: Tender[] = [{ method: 'card', amountCents: due } as Tender];
  const sale = await writer.append((head) =>
    buildSaleEvent(basket, payments, {
      id,
      terminalId: at.terminalId,
      store: at.store,
      seq: head.seq + 1,
      prevHash: head.hash,
      nowMs,
      loyalty,
      lineDiscounts: discounts,
      donations,
    }),
  );
  const points = (loyalty?.ledger ?? []).reduce((n, e) => (e.account === 'points' ? n + e.amount : n), 0);
  return { sale, memberId, points };
}
