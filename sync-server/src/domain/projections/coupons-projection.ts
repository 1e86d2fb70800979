import type { ReturnEvent } from '../../../../core/journal/return-event';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import { CouponUsesRepo, type CouponUseRow } from '../../storage/repos/coupon-uses';
import type { StorageTx } from '../../storage/storage';
import type { Projection } from './projection';

/**
 * Every coupon code is spendable once (issue 9): the first event that uses a code (sale v5
 * `coupons[].code`) takes it; a use by another event raises `coupon-reused` naming both sales (the
 * till that scanned it second accepted it offline: the sale stands). The same event again — a
 * retry, a refold — is no reuse. A return that gives a code back (`restoredCoupons`) frees it, so
 * it can be used once more. "First" is by serverSeq, so a refold (which folds one stream at a
 * time) keeps the same first use and raises nothing twice (the key names the use that lost).
 * Known limit: a refold folds a return that gave a code back after the stream that used the code
 * again, so a use the live order allowed after the return can be raised on a refold.
 */
export const couponsProjection: Projection = {
  name: 'coupons',
  reads: 'events',
  // Defensive reads: a test (or a future registry) may fold a leaner shape under these types.
  wants: (e) =>
    (e.type === 'sale' && (e.coupons?.length ?? 0) > 0) ||
    (e.type === 'return' && (e.restoredCoupons?.length ?? 0) > 0),
  async fold(tx, inputs) {
    const repo = new CouponUsesRepo(tx.db);
    // The uses up to the next release are claimed in one statement; only a use that lost its code
    // (rare: a reuse, a retry) reads the holder, in order, as when each was claimed on its own — a
    // later use of the run cannot touch its code (it was held, and nothing in a run frees one).
    let run: { sale: SaleEvent; row: CouponUseRow }[] = [];
    const flush = async () => {
      const won = await repo.claimMany(run.map((u) => u.row));
      for (const u of run)
        if (!won.has(`${u.row.code}\u0000${u.row.event_id}`)) await lost(tx, repo, u.sale, u.row);
      run = [];
    };
    for (const i of inputs) {
      if (i.event?.type === 'sale') {
        const sale: SaleEvent = i.event;
        for (const code of new Set(sale.coupons.map((c) => c.code)))
          run.push({ sale, row: useOf(sale, code, i.serverSeq) });
      } else if (i.event?.type === 'return') {
        const ret: ReturnEvent = i.event;
        const codes = new Set(ret.restoredCoupons);
        if (codes.size > 0) await flush();
        for (const code of codes) await repo.release(code, ret.original.saleId);
      }
    }
    await flush();
  },
  reset: (tx) => new CouponUsesRepo(tx.db).reset(),
};

function useOf(sale: SaleEvent, code: string, serverSeq: number): CouponUseRow {
  return {
    code,
    event_id: sale.id,
    terminal_id: sale.terminalId,
    store_id: sale.storeId,
    server_seq: serverSeq,
    used_at: sale.createdAt,
  };
}

/** A use whose code was held when it was claimed: the same event again, or a reuse to raise. */
async function lost(tx: StorageTx, repo: CouponUsesRepo, sale: SaleEvent, mine: CouponUseRow): Promise<void> {
  const { code, server_seq: serverSeq } = mine;
  const held = await repo.get(code);
  if (!held || held.event_id === sale.id) return;
  const [first, second] = held.server_seq < serverSeq ? [held, mine] : [mine, held];
  if (first === mine) await repo.replace(mine);
  const side = (u: CouponUseRow) => ({
    eventId: u.event_id,
    terminalId: u.terminal_id,
    storeId: u.store_id,
    serverSeq: u.server_seq,
    usedAt: u.used_at,
  });
  await tx.exceptions.insert({
    kind: 'coupon-reused',
    terminalId: second.terminal_id,
    storeId: second.store_id,
    eventId: second.event_id,
    seq: second === mine ? sale.seq : null,
    message: `Coupon ${code} was used twice: first by sale ${first.event_id} (${first.terminal_id}), again by sale ${second.event_id} (${second.terminal_id}); both sales stand.`,
    detail: JSON.stringify({ code, first: side(first), second: side(second) }),
    detectedAt: sale.createdAt,
    // What a manager decides about (issue 10): this sale's discount for the code (the same coupon).
    centsAtStake: sale.coupons.filter((c) => c.code === code).reduce((s, c) => s + (c.discountCents ?? 0), 0),
    businessDay: second === mine ? sale.businessDay : null,
    memberId: sale.loyalty?.memberId ?? null,
    events: [
      { terminalId: first.terminal_id, eventId: first.event_id },
      { terminalId: second.terminal_id, eventId: second.event_id },
    ],
    // Keyed by the use that lost, not by the pair: a refold folds one till's stream after another,
    // so the use a loser meets first may differ from the live order, but the losers do not (every
    // use but the lowest serverSeq), and each is raised once whatever the order.
    dedupeKey: `coupon-reused:${code}:${second.event_id}`,
  });
}
