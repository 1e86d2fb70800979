import { sql, type Kysely } from 'kysely';

/**
 * Gift cards and store credit (issue 9): a balance ledger of their own, in cents, beside the
 * points ledger. `gift_cards` is one row per code the server issued (kind, currency, where and
 * when), with the balance folded from its rows and the serverSeq of the last event that moved it;
 * `gift_card_ledger` is one row per change with a deterministic id (issued, loaded, spent by a
 * sale, refunded by a return), so a retry or a refold never adds one and balance = Σ rows.
 * A row may name a code the server never issued (a till spent it): it is kept and raised.
 * Serials come from the `gift_card_serial` counter; `gift_card_judge_all` asks the projection to
 * look at every overdrawn card once its whole journal is folded (after this migration and after a
 * refold). BIGINT on both dialects (SQLite's BIGINT is its 64-bit integer).
 */
export function giftCardsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('gift_cards')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('issued_store_id', 'text', (c) => c.notNull())
        .addColumn('balance_cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addCheckConstraint('gift_cards_kind', sql`kind IN ('gift-card', 'store-credit')`)
        .addCheckConstraint('gift_cards_status', sql`status IN ('active', 'blocked')`)
        .execute();
      // The overdrawn cards are what the projection looks at after a refold.
      await db.schema.createIndex('gift_cards_balance').on('gift_cards').column('balance_cents').execute();
      await db.schema
        .createTable('gift_card_ledger')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('amount_cents', 'bigint', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      // A card's history in time order (the admin view, the overdraft's culprit).
      await db.schema
        .createIndex('gift_card_ledger_code')
        .on('gift_card_ledger')
        .columns(['code', 'at', 'entry_id'])
        .execute();
      await sql`INSERT INTO counters (name, value) VALUES ('gift_card_serial', 0), ('gift_card_judge_all', 1)`.execute(
        db,
      );
    },
  };
}
