import type { OverdraftEpisodesTable } from '../schema';
import type { Db } from '../storage';

/** One event of an overdraft, as the exception lists it. */
export interface OverdraftEvent {
  eventId: string;
  terminalId: string;
  storeId: string;
  seq: number;
  serverSeq: number;
  createdAt: number;
  /** Points it spent (or, for a return, took back): what it added to the overdraft at most. */
  points: number;
}

export interface OverdraftEpisode {
  memberId: string;
  dedupeKey: string;
  events: OverdraftEvent[];
  openedSeq: number;
}

/** A member's points rows as the overdraft's walk back reads them (newest first). */
export interface PointsRowBack {
  entry_id: string;
  server_seq: number;
  terminal_id: string;
  store_id: string;
  seq: number;
  amount: number;
  program_id: string;
  status: string;
  created_at: number;
}

const toEpisode = (r: OverdraftEpisodesTable): OverdraftEpisode => ({
  memberId: r.member_id,
  dedupeKey: r.dedupe_key,
  events: JSON.parse(r.events) as OverdraftEvent[],
  openedSeq: Number(r.opened_seq),
});

/**
 * The open overdraft of each member below zero (migration 0010) and the `overdraft` exceptions it
 * keeps up to date: the ledger projection's state, deleted by its reset (a refold finds the
 * exceptions again by the events they list, so it raises none twice).
 */
export class OverdraftsRepo {
  constructor(private readonly db: Db) {}

  async episode(memberId: string): Promise<OverdraftEpisode | undefined> {
    const r = await this.db
      .selectFrom('overdraft_episodes')
      .selectAll()
      .where('member_id', '=', memberId)
      .executeTakeFirst();
    return r && toEpisode(r);
  }

  async save(e: OverdraftEpisode): Promise<void> {
    const row = { dedupe_key: e.dedupeKey, events: JSON.stringify(e.events), opened_seq: e.openedSeq };
    await this.db
      .insertInto('overdraft_episodes')
      .values({ member_id: e.memberId, ...row })
      .onConflict((oc) => oc.column('member_id').doUpdateSet(row))
      .execute();
  }

  async close(memberId: string): Promise<void> {
    await this.db.deleteFrom('overdraft_episodes').where('member_id', '=', memberId).execute();
  }

  /** The newest points rows of a member up to serverSeq `through`: the walk back from a crossing. */
  async pointsRowsBack(memberId: string, through: number, limit: number): Promise<PointsRowBack[]> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select([
        'entry_id',
        'server_seq',
        'terminal_id',
        'store_id',
        'seq',
        'amount',
        'program_id',
        'status',
        'created_at',
      ])
      .where('member_id', '=', memberId)
      .where('account', '=', 'points')
      .where('server_seq', '<=', through)
      .orderBy('server_seq', 'desc')
      .orderBy('entry_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      server_seq: Number(r.server_seq),
      seq: Number(r.seq),
      amount: Number(r.amount),
      created_at: Number(r.created_at),
    }));
  }

  /** An `overdraft` exception of this member that already lists this event (raised by an earlier fold). */
  async exceptionListing(
    memberId: string,
    eventId: string,
  ): Promise<{ dedupeKey: string; events: OverdraftEvent[] } | undefined> {
    const r = await this.db
      .selectFrom('exceptions')
      .select(['dedupe_key', 'detail'])
      .where('kind', '=', 'overdraft')
      .where('dedupe_key', 'like', `overdraft:${memberId}:%`)
      .where('detail', 'like', `%"eventId":"${eventId}"%`)
      .orderBy('id')
      .executeTakeFirst();
    if (!r?.dedupe_key) return undefined;
    const detail = JSON.parse(r.detail ?? '{}') as { events?: OverdraftEvent[] };
    return { dedupeKey: r.dedupe_key, events: detail.events ?? [] };
  }

  /** The open exception's message and detail follow its episode (the one exception of the overdraft). */
  async updateException(dedupeKey: string, message: string, detail: string): Promise<void> {
    await this.db
      .updateTable('exceptions')
      .set({ message, detail })
      .where('dedupe_key', '=', dedupeKey)
      .execute();
  }

  async reset(): Promise<void> {
    await this.db.deleteFrom('overdraft_episodes').execute();
  }
}
