import { sql } from 'kysely';
import type { GiftCardKind, GiftCardMoveReason, TimedMove } from '../../../../core/loyalty/gift-card';
import type { GiftCardLedgerTable } from '../schema';
import type { Db, Dialect } from '../storage';
import { chunksFor } from './chunks';

export interface GiftCardRecord {
  code: string;
  kind: GiftCardKind;
  currency: string;
  status: 'active' | 'blocked';
  issuedAt: number;
  issuedStoreId: string;
  balanceCents: number;
  serverSeq: number;
}

export type GiftCardLedgerRow = GiftCardLedgerTable;

const SERIAL_COUNTER = 'gift_card_serial';
const JUDGE_ALL = 'gift_card_judge_all';

const toCard = (r: {
  code: string;
  kind: GiftCardKind;
  currency: string;
  status: 'active' | 'blocked';
  issued_at: number;
  issued_store_id: string;
  balance_cents: number;
  server_seq: number;
}): GiftCardRecord => ({
  code: r.code,
  kind: r.kind,
  currency: r.currency,
  status: r.status,
  issuedAt: Number(r.issued_at),
  issuedStoreId: r.issued_store_id,
  balanceCents: Number(r.balance_cents),
  serverSeq: Number(r.server_seq),
});

export const timedMoveOf = (r: GiftCardLedgerRow): TimedMove => ({
  entryId: r.entry_id,
  amountCents: Number(r.amount_cents),
  reason: r.reason as GiftCardMoveReason,
  eventId: r.event_id,
  terminalId: r.terminal_id,
  storeId: r.store_id,
  at: Number(r.at),
});

/** Gift cards and their ledger (migration 0011): one row per move id, balance = Σ rows. */
export class GiftCardsRepo {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /**
   * The next card serial (1, 2, …): one atomic `UPDATE … RETURNING` on the counter row, which
   * PostgreSQL keeps locked until commit, so two issues (two server instances too) never share one.
   */
  async nextSerial(): Promise<number> {
    const r = await sql<{
      value: number;
    }>`UPDATE counters SET value = value + 1 WHERE name = ${SERIAL_COUNTER} RETURNING value`.execute(this.db);
    const row = r.rows[0];
    if (!row)
      throw new Error(`the gift card serial counter (counters.${SERIAL_COUNTER}) is missing: migration 0011`);
    return Number(row.value);
  }

  async get(code: string): Promise<GiftCardRecord | undefined> {
    const r = await this.db.selectFrom('gift_cards').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toCard(r);
  }

  /** A card as its issue event made it (a second insert of the same code is a no-op). */
  async insertCard(card: Omit<GiftCardRecord, 'balanceCents' | 'status'>): Promise<void> {
    await this.db
      .insertInto('gift_cards')
      .values({
        code: card.code,
        kind: card.kind,
        currency: card.currency,
        status: 'active',
        issued_at: card.issuedAt,
        issued_store_id: card.issuedStoreId,
        balance_cents: 0,
        server_seq: card.serverSeq,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }

  /** Inserts the rows whose id is new; returns the ids that were new. */
  async insertMoves(rows: readonly GiftCardLedgerRow[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (const chunk of chunksFor(rows, 9)) {
      const back = await this.db
        .insertInto('gift_card_ledger')
        .values([...chunk])
        .onConflict((oc) => oc.column('entry_id').doNothing())
        .returning('entry_id')
        .execute();
      for (const r of back) inserted.add(r.entry_id);
    }
    return inserted;
  }

  /**
   * Sets each card's balance to the sum of its rows and returns the cards that exist. The cards are
   * locked first (PostgreSQL, in code order, so two folds never deadlock) and summed by a statement
   * after the lock: a fold that waited for another's commit counts that fold's rows too.
   */
  async refreshBalances(codes: readonly string[], serverSeq: number): Promise<Map<string, number>> {
    const sorted = [...new Set(codes)].sort();
    const out = new Map<string, number>();
    for (const chunk of chunksFor(sorted, 1)) {
      if (this.dialect === 'postgres') {
        await this.db
          .selectFrom('gift_cards')
          .select('code')
          .where('code', 'in', chunk)
          .orderBy('code')
          .forUpdate()
          .execute();
      }
      const rows = await this.db
        .updateTable('gift_cards')
        .set((eb) => ({
          balance_cents: eb.fn.coalesce(
            eb
              .selectFrom('gift_card_ledger')
              .select((s) => s.fn.sum<number>('amount_cents').as('total'))
              .whereRef('gift_card_ledger.code', '=', 'gift_cards.code'),
            sql<number>`0`,
          ),
          server_seq: sql<number>`CASE WHEN server_seq > ${serverSeq} THEN server_seq ELSE ${serverSeq} END`,
        }))
        .where('code', 'in', chunk)
        .returning(['code', 'balance_cents'])
        .execute();
      for (const r of rows) out.set(r.code, Number(r.balance_cents));
    }
    return out;
  }

  /** A card's rows (or a code's the server never issued), oldest first by time, then arrival. */
  async moves(code: string, limit = 10_000): Promise<GiftCardLedgerRow[]> {
    const rows = await this.db
      .selectFrom('gift_card_ledger')
      .selectAll()
      .where('code', '=', code)
      .orderBy('at')
      .orderBy('server_seq')
      .orderBy('entry_id')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      ...r,
      amount_cents: Number(r.amount_cents),
      server_seq: Number(r.server_seq),
      at: Number(r.at),
    }));
  }

  /** Codes of cards below zero. */
  async overdrawn(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('gift_cards')
      .select('code')
      .where('balance_cents', '<', 0)
      .orderBy('code')
      .execute();
    return rows.map((r) => r.code);
  }

  /** Spends of codes the server never issued. */
  async unissuedSpends(): Promise<GiftCardLedgerRow[]> {
    const rows = await this.db
      .selectFrom('gift_card_ledger as l')
      .selectAll('l')
      .where('l.amount_cents', '<', 0)
      .where((eb) =>
        eb.not(
          eb.exists(eb.selectFrom('gift_cards as c').select('c.code').whereRef('c.code', '=', 'l.code')),
        ),
      )
      .orderBy('l.at')
      .orderBy('l.entry_id')
      .execute();
    return rows.map((r) => ({
      ...r,
      amount_cents: Number(r.amount_cents),
      server_seq: Number(r.server_seq),
      at: Number(r.at),
    }));
  }

  /** Asks the projection to judge every card once its journal is folded (after a refold). */
  async requestJudgeAll(): Promise<void> {
    await sql`UPDATE counters SET value = 1 WHERE name = ${JUDGE_ALL}`.execute(this.db);
  }

  /** True once after requestJudgeAll (or the migration): the caller judges every card now. */
  async takeJudgeAll(): Promise<boolean> {
    const r = await sql<{
      value: number;
    }>`UPDATE counters SET value = 0 WHERE name = ${JUDGE_ALL} AND value = 1 RETURNING value`.execute(
      this.db,
    );
    return r.rows.length > 0;
  }

  /** Deletes the cards and their rows (a refold rebuilds them from the journal). */
  async reset(): Promise<void> {
    await this.db.deleteFrom('gift_card_ledger').execute();
    await this.db.deleteFrom('gift_cards').execute();
    await this.requestJudgeAll();
  }
}
