import { maskName } from '../../../../core/loyalty/mask-name';
import type { MemberCounters, MemberDoc } from '../../../../core/loyalty/member-doc';
import type { MembersTable } from '../schema';
import type { Db, Dialect, FeedChange } from '../storage';
import { chunksFor } from './chunks';
import { reserveFeedSeqs } from './feed-counter';
import { insertRows, updateRows } from './raw-insert';
import { membersInScope, republishRegionMembers, storesThatSaw } from './member-scope';

/** A member as HQ imports it; the folded figures start at zero and belong to the ledger projection. */
export interface MemberInput {
  memberId: string;
  homeStoreId: string;
  fullName: string;
  email?: string | null;
  phoneHash?: string | null;
  phoneLast3?: string | null;
  tier?: string | null;
  segments?: string[];
  birthday?: string | null;
  enrolledAt: number;
  optedIn: boolean;
  cards: string[];
}

/** See core/folds/member-figures.ts. */
export type { MemberFigures } from '../../../../core/folds/member-figures';
import type { MemberFigures } from '../../../../core/folds/member-figures';

export const EMPTY_COUNTERS: MemberCounters = {
  purchaseCount: 0,
  visits: [],
  rules: {},
  stamps: {},
  challenges: {},
  badges: [],
  earnedByMonth: {},
};

export { maskName };

/** The folded figures' columns, as setFiguresMany writes them (after the key, member_id). */
const FIGURES = [
  'balance',
  'pending_points',
  'lifetime_earned',
  'applied_through',
  'counters',
  'server_seq',
] as const;

export interface MemberRecord extends MemberFigures {
  memberId: string;
  homeStoreId: string;
  fullName: string;
  displayName: string;
  email: string | null;
  phoneHash: string | null;
  phoneLast3: string | null;
  tier: string | null;
  segments: string[];
  birthday: string | null;
  enrolledAt: number;
  optedIn: boolean;
  serverSeq: number;
}

const toRecord = (r: MembersTable): MemberRecord => ({
  memberId: r.member_id,
  homeStoreId: r.home_store_id,
  fullName: r.full_name,
  displayName: r.display_name,
  email: r.email,
  phoneHash: r.phone_hash,
  phoneLast3: r.phone_last3,
  tier: r.tier,
  segments: JSON.parse(r.segments) as string[],
  birthday: r.birthday,
  enrolledAt: r.enrolled_at,
  optedIn: Number(r.opted_in) === 1,
  balance: r.balance,
  pendingPoints: r.pending_points,
  lifetimeEarned: r.lifetime_earned,
  appliedThrough: JSON.parse(r.applied_through) as Record<string, number>,
  counters: JSON.parse(r.counters) as MemberCounters,
  serverSeq: r.server_seq,
});

/** Members (accounts) and their cards; also the `members` read model of the feed. */
export class MembersRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
    private readonly dialect: Dialect,
  ) {}

  /** Creates or updates members from HQ's data (never the folded figures); returns how many were written. */
  async upsert(members: readonly MemberInput[]): Promise<number> {
    if (members.length === 0) return 0;
    let next = await reserveFeedSeqs(this.db, members.length);
    for (const m of members) {
      const row = {
        home_store_id: m.homeStoreId,
        full_name: m.fullName,
        display_name: maskName(m.fullName),
        email: m.email ?? null,
        phone_hash: m.phoneHash ?? null,
        phone_last3: m.phoneLast3 ?? null,
        tier: m.tier ?? null,
        segments: JSON.stringify(m.segments ?? []),
        birthday: m.birthday ?? null,
        enrolled_at: m.enrolledAt,
        opted_in: m.optedIn ? 1 : 0,
        server_seq: next++,
      };
      await this.db
        .insertInto('members')
        .values({
          member_id: m.memberId,
          ...row,
          balance: 0,
          pending_points: 0,
          lifetime_earned: 0,
          applied_through: '{}',
          counters: JSON.stringify(EMPTY_COUNTERS),
        })
        // A tier HQ does not send is the tier the jobs computed: an update keeps it.
        .onConflict((oc) =>
          oc.column('member_id').doUpdateSet(m.tier === undefined ? { ...row, tier: undefined } : row),
        )
        .execute();
      for (const card of m.cards) {
        await this.db
          .insertInto('member_cards')
          .values({ card_number: card, member_id: m.memberId })
          .onConflict((oc) => oc.column('card_number').doUpdateSet({ member_id: m.memberId }))
          .execute();
      }
    }
    await this.announce(
      members.map((m) => m.memberId),
      members.map((m) => m.homeStoreId),
    );
    return members.length;
  }

  /**
   * Tells the stores whose tills may hold these members that they changed: their home stores (a
   * till of the same region is woken by the feed's region map) and every store that saw them.
   */
  private async announce(memberIds: readonly string[], homeStoreIds: readonly string[] = []): Promise<void> {
    const stores = new Set([...homeStoreIds, ...(await storesThatSaw(this.db, memberIds))]);
    for (const storeId of stores) this.touch({ collection: 'members', storeId });
  }

  /**
   * `lock`: the ledger fold's read of figures it will write back. On PostgreSQL two terminals fold
   * side by side, so the rows are locked (FOR UPDATE) until the fold commits, or one fold's points
   * would overwrite the other's; SQLite's one writer already serialises the folds.
   */
  async get(memberId: string, opts: { lock?: boolean } = {}): Promise<MemberRecord | undefined> {
    let q = this.db.selectFrom('members').selectAll().where('member_id', '=', memberId);
    if (opts.lock && this.dialect === 'postgres') q = q.forUpdate();
    const r = await q.executeTakeFirst();
    return r && toRecord(r);
  }

  /**
   * get for a batch: one statement per chunk of ids; an unknown id is absent from the map. Locked
   * rows are taken in member_id order, so two folds locking overlapping batches cannot deadlock.
   */
  async getMany(
    memberIds: readonly string[],
    opts: { lock?: boolean } = {},
  ): Promise<Map<string, MemberRecord>> {
    const out = new Map<string, MemberRecord>();
    const lock = opts.lock === true && this.dialect === 'postgres';
    const ids = [...new Set(memberIds)];
    if (lock) ids.sort();
    for (const chunk of chunksFor(ids, 1)) {
      let q = this.db.selectFrom('members').selectAll().where('member_id', 'in', chunk);
      if (lock) q = q.orderBy('member_id').forUpdate();
      for (const r of await q.execute()) out.set(r.member_id, toRecord(r));
    }
    return out;
  }

  async byCard(cardNumber: string, opts: { lock?: boolean } = {}): Promise<MemberRecord | undefined> {
    const c = await this.db
      .selectFrom('member_cards')
      .select('member_id')
      .where('card_number', '=', cardNumber)
      .executeTakeFirst();
    return c ? this.get(c.member_id, opts) : undefined;
  }

  async cardsOf(memberIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (memberIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('member_cards')
      .selectAll()
      .where('member_id', 'in', [...memberIds])
      .orderBy('card_number')
      .execute();
    for (const r of rows) out.set(r.member_id, [...(out.get(r.member_id) ?? []), r.card_number]);
    return out;
  }

  async list(filter: { storeId?: string; limit: number }): Promise<MemberRecord[]> {
    let q = this.db.selectFrom('members').selectAll();
    if (filter.storeId !== undefined) q = q.where('home_store_id', '=', filter.storeId);
    return (await q.orderBy('member_id').limit(filter.limit).execute()).map(toRecord);
  }

  /** The ledger projection's write: new figures and a new serverSeq, announced to the stores concerned. */
  async setFigures(memberId: string, f: MemberFigures, storeIds: readonly string[]): Promise<void> {
    await this.setFiguresMany([{ memberId, figures: f, storeIds }]);
  }

  /**
   * setFigures for a batch: one reservation of serverSeqs, and one UPDATE … FROM a VALUES list per
   * chunk (the ledger fold's hot path: a statement per member cost more than the fold). A member
   * listed twice takes the last figures (an UPDATE FROM with two source rows for one row is undefined).
   */
  async setFiguresMany(
    updates: readonly { memberId: string; figures: MemberFigures; storeIds: readonly string[] }[],
  ): Promise<void> {
    const last = [...new Map(updates.map((u) => [u.memberId, u])).values()];
    if (last.length === 0) return;
    let next = await reserveFeedSeqs(this.db, last.length);
    for (const chunk of chunksFor(last, FIGURES.length + 1)) {
      const rows = await updateRows<{ home_store_id: string }>(
        this.db,
        this.dialect,
        'members',
        'member_id',
        FIGURES,
        chunk.map((u) => [
          u.memberId,
          u.figures.balance,
          u.figures.pendingPoints,
          u.figures.lifetimeEarned,
          JSON.stringify(u.figures.appliedThrough),
          JSON.stringify(u.figures.counters),
          next++,
        ]),
        'members.home_store_id',
      );
      for (const r of rows) this.touch({ collection: 'members', storeId: r.home_store_id });
    }
    for (const storeId of new Set(last.flatMap((u) => u.storeIds)))
      this.touch({ collection: 'members', storeId });
    await this.announce(last.map((u) => u.memberId));
  }

  /** Members after `afterMemberId`, ascending: the tier job pages through them. */
  async page(afterMemberId: string, limit: number): Promise<MemberRecord[]> {
    return (
      await this.db
        .selectFrom('members')
        .selectAll()
        .where('member_id', '>', afterMemberId)
        .orderBy('member_id')
        .limit(limit)
        .execute()
    ).map(toRecord);
  }

  /** The tier job's write: each member's new tier and a new serverSeq, announced to its home store. */
  async setTiers(updates: readonly { memberId: string; tier: string | null }[]): Promise<void> {
    if (updates.length === 0) return;
    let next = await reserveFeedSeqs(this.db, updates.length);
    for (const u of updates) {
      const r = await this.db
        .updateTable('members')
        .set({ tier: u.tier, server_seq: next++ })
        .where('member_id', '=', u.memberId)
        .returning('home_store_id')
        .executeTakeFirst();
      if (r) this.touch({ collection: 'members', storeId: r.home_store_id });
    }
    await this.announce(updates.map((u) => u.memberId));
  }

  /** For a refold of the ledger: every member's folded figures back to zero. */
  async resetFigures(): Promise<void> {
    await this.db
      .updateTable('members')
      .set({
        balance: 0,
        pending_points: 0,
        lifetime_earned: 0,
        applied_through: '{}',
        counters: JSON.stringify(EMPTY_COUNTERS),
      })
      .execute();
    await this.db.deleteFrom('member_seen').execute();
  }

  /** A store moved into `region`: its members and its neighbours' get new serverSeqs (member-scope.ts). */
  async republishRegion(region: string, movedStoreId: string): Promise<void> {
    if ((await republishRegionMembers(this.db, region)) > 0) {
      this.touch({ collection: 'members', storeId: movedStoreId });
    }
  }

  /** A new serverSeq for a member, announced to a store: its tills' feed pulls them next. */
  async republish(memberId: string, storeId: string): Promise<void> {
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    await this.db
      .updateTable('members')
      .set({ server_seq: serverSeq })
      .where('member_id', '=', memberId)
      .execute();
    this.touch({ collection: 'members', storeId });
  }

  async markSeen(memberId: string, storeId: string, at: number): Promise<void> {
    await this.markSeenMany([{ memberId, storeId, at }]);
  }

  /** markSeen for a batch, one statement per chunk; each (member, store) once (keep the latest). */
  async markSeenMany(seen: readonly { memberId: string; storeId: string; at: number }[]): Promise<void> {
    const latest = new Map<string, { member_id: string; store_id: string; last_seen_at: number }>();
    for (const s of seen) {
      const key = `${s.memberId}\u0000${s.storeId}`;
      if ((latest.get(key)?.last_seen_at ?? -Infinity) < s.at) {
        latest.set(key, { member_id: s.memberId, store_id: s.storeId, last_seen_at: s.at });
      }
    }
    for (const chunk of chunksFor([...latest.values()], 3)) await this.writeSeen(chunk);
  }

  private async writeSeen(rows: { member_id: string; store_id: string; last_seen_at: number }[]) {
    await insertRows(
      this.db,
      this.dialect,
      'member_seen',
      ['member_id', 'store_id', 'last_seen_at'],
      rows.map((r) => [r.member_id, r.store_id, r.last_seen_at]),
      // The later of the two: a sale that arrives late must not move "last seen" back.
      'ON CONFLICT (member_id, store_id) DO UPDATE SET last_seen_at = CASE WHEN excluded.last_seen_at > member_seen.last_seen_at THEN excluded.last_seen_at ELSE member_seen.last_seen_at END',
    );
  }

  /**
   * The feed: the members a till of this store replicates — those of its store's region (its own
   * when it has none) and those seen here since `seenSince` — changed after the checkpoint.
   */
  async pull(storeId: string, seenSince: number, after: number, limit: number): Promise<MemberDoc[]> {
    const rows = await membersInScope(this.db, storeId, seenSince, after, limit);
    const cards = await this.cardsOf(rows.map((r) => r.member_id));
    return rows.map((r) => toDoc(toRecord(r), cards.get(r.member_id) ?? []));
  }
}

/** What a till may hold of a member: no full name, no e-mail, no phone number. */
export function toDoc(m: MemberRecord, cards: string[]): MemberDoc {
  return {
    memberId: m.memberId,
    cards,
    phoneHash: m.phoneHash,
    displayName: m.displayName,
    phoneLast3: m.phoneLast3,
    tier: m.tier,
    segments: m.segments,
    birthday: m.birthday === null ? null : m.birthday.slice(-5),
    enrolledAt: m.enrolledAt,
    optedIn: m.optedIn,
    balance: m.balance,
    pendingPoints: m.pendingPoints,
    lifetimeEarned: m.lifetimeEarned,
    appliedThrough: m.appliedThrough,
    counters: m.counters,
    serverSeq: m.serverSeq,
    _deleted: false,
  };
}
