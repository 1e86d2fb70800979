import type { CouponUsesTable } from '../schema';
import type { Db } from '../storage';

export type CouponUseRow = CouponUsesTable;

/** The first event that used each coupon code (migration 0010): the coupons projection's state. */
export class CouponUsesRepo {
  constructor(private readonly db: Db) {}

  /** Takes the code for this event; false when another row (maybe this event's own) holds it. */
  async claim(row: CouponUseRow): Promise<boolean> {
    const r = await this.db
      .insertInto('coupon_uses')
      .values(row)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /**
   * Takes each code for its event in one statement; answers the rows that took theirs ("code event"
   * keys). A row whose code is held — before, or by an earlier row of the same call — takes nothing.
   */
  async claimMany(rows: readonly CouponUseRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const won = await this.db
      .insertInto('coupon_uses')
      .values([...rows])
      .onConflict((oc) => oc.column('code').doNothing())
      .returning(['code', 'event_id'])
      .execute();
    return new Set(won.map((r) => `${r.code}\u0000${r.event_id}`));
  }

  async get(code: string): Promise<CouponUseRow | undefined> {
    const r = await this.db.selectFrom('coupon_uses').selectAll().where('code', '=', code).executeTakeFirst();
    return r && { ...r, server_seq: Number(r.server_seq), used_at: Number(r.used_at) };
  }

  /** The use with the lower serverSeq is the first, whichever stream was folded first (a refold). */
  async replace(row: CouponUseRow): Promise<void> {
    const { code, ...rest } = row;
    await this.db.updateTable('coupon_uses').set(rest).where('code', '=', code).execute();
  }

  /** A return gave the code back: free it, if that sale still holds it. */
  async release(code: string, saleId: string): Promise<void> {
    await this.db.deleteFrom('coupon_uses').where('code', '=', code).where('event_id', '=', saleId).execute();
  }

  async reset(): Promise<void> {
    await this.db.deleteFrom('coupon_uses').execute();
  }
}
