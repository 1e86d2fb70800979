import type { Db } from '../storage';

export interface ReferralRow {
  refereeId: string;
  referrerId: string;
  /** The code as the referral code parser read it (ten characters, core/loyalty/referral-code.ts). */
  code: string;
  referredAt: number;
  enrolmentId: string;
  terminalId: string;
  storeId: string;
  creditedAt: number | null;
}

const toRow = (r: {
  referee_id: string;
  referrer_id: string;
  code: string;
  referred_at: number;
  enrolment_id: string;
  terminal_id: string;
  store_id: string;
  credited_at: number | null;
}): ReferralRow => ({
  refereeId: r.referee_id,
  referrerId: r.referrer_id,
  code: r.code,
  referredAt: Number(r.referred_at),
  enrolmentId: r.enrolment_id,
  terminalId: r.terminal_id,
  storeId: r.store_id,
  creditedAt: r.credited_at === null ? null : Number(r.credited_at),
});

/** Who referred whom (migration 0009). */
export class ReferralsRepo {
  constructor(private readonly db: Db) {}

  /**
   * The members whose id ends in the code (at most two: one is the referrer, two is a code that
   * names nobody for sure). A scan of the member ids: an enrolment with a referral code is rare,
   * and the code is derived, never stored (see core/loyalty/referral-code.ts).
   */
  async membersEndingIn(code: string): Promise<string[]> {
    if (!/^[0-9A-Z]+$/.test(code)) return [];
    const rows = await this.db
      .selectFrom('members')
      .select('member_id')
      .where('member_id', 'like', `%${code}`)
      .limit(3)
      .execute();
    // LIKE ignores case on SQLite: the ending must match exactly, on a ULID-long id.
    return rows.map((r) => r.member_id).filter((id) => id.length === 26 && id.endsWith(code));
  }

  /** Records a referral once: a second enrolment fold of the same referee (a refold) is a no-op. */
  async insert(row: Omit<ReferralRow, 'creditedAt'>): Promise<void> {
    await this.db
      .insertInto('referrals')
      .values({
        referee_id: row.refereeId,
        referrer_id: row.referrerId,
        code: row.code,
        referred_at: row.referredAt,
        enrolment_id: row.enrolmentId,
        terminal_id: row.terminalId,
        store_id: row.storeId,
        credited_at: null,
      })
      .onConflict((oc) => oc.column('referee_id').doNothing())
      .execute();
  }

  async ofReferee(refereeId: string): Promise<ReferralRow | undefined> {
    const r = await this.db
      .selectFrom('referrals')
      .selectAll()
      .where('referee_id', '=', refereeId)
      .executeTakeFirst();
    return r ? toRow(r) : undefined;
  }

  /** Referrals not credited yet, by referee id after `after` (keyset paging); only these referees when named. */
  async pending(after: string, limit: number, referees?: readonly string[]): Promise<ReferralRow[]> {
    if (referees?.length === 0) return [];
    let q = this.db
      .selectFrom('referrals')
      .selectAll()
      .where('credited_at', 'is', null)
      .where('referee_id', '>', after);
    if (referees) q = q.where('referee_id', 'in', [...referees]);
    return (await q.orderBy('referee_id').limit(limit).execute()).map(toRow);
  }

  async markCredited(refereeId: string, at: number): Promise<void> {
    await this.db
      .updateTable('referrals')
      .set({ credited_at: at })
      .where('referee_id', '=', refereeId)
      .where('credited_at', 'is', null)
      .execute();
  }
}

export const referralsOf = (db: Db): ReferralsRepo => new ReferralsRepo(db);
