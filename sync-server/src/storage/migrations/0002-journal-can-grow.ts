import canonicalize from 'canonicalize';
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * The journal can grow (issue 7):
 * - event ids are scoped to their terminal: UNIQUE (terminal_id, id) instead of UNIQUE (id), and
 *   the event's schemaVersion gets a column;
 * - projections fold behind cursors (`projection_cursors`), park what they do not understand yet
 *   (`parked_events`) and record what they could not fold (`fold_failures`);
 * - the sales projection gains subtotal/discount and is keyed by serverSeq. Its tables are
 *   DERIVED data: they are rebuilt here empty and refilled from the journal by the projection's
 *   catch-up when the server starts (no cursor yet = fold from the beginning). The journal itself
 *   keeps every row.
 * - the stored body no longer repeats the hash (it has its own column): body = exactly what the
 *   hash covers. Existing bodies are rewritten losslessly (parse, drop `hash`, canonical JSON).
 * - exceptions get a dedupe key; stores join the read-model feed (serverSeq from the one shared
 *   counter, renamed from product_seq to feed_seq).
 */
export function journalCanGrowMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      await db.schema.dropTable('sale_lines').execute();
      await db.schema.dropTable('sales').execute();

      if (dialect === 'sqlite') {
        // SQLite cannot change a UNIQUE constraint in place: copy into a new table (every row kept).
        await sql`CREATE TABLE journal_next (
          server_seq INTEGER PRIMARY KEY AUTOINCREMENT,
          id TEXT NOT NULL,
          type TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          terminal_id TEXT NOT NULL,
          store_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          body TEXT NOT NULL,
          received_at INTEGER NOT NULL,
          UNIQUE (terminal_id, id))`.execute(db);
        await sql`INSERT INTO journal_next (server_seq, id, type, schema_version, terminal_id, store_id, seq, hash, prev_hash, body, received_at)
          SELECT server_seq, id, type, 1, terminal_id, store_id, seq, hash, prev_hash, body, received_at FROM journal`.execute(
          db,
        );
        await sql`DROP TABLE journal`.execute(db);
        await sql`ALTER TABLE journal_next RENAME TO journal`.execute(db);
        await sql`CREATE INDEX journal_terminal_seq ON journal (terminal_id, seq)`.execute(db);
      } else {
        await sql`ALTER TABLE journal DROP CONSTRAINT journal_id_key,
          ADD CONSTRAINT journal_terminal_event UNIQUE (terminal_id, id),
          ADD COLUMN schema_version BIGINT NOT NULL DEFAULT 1`.execute(db);
      }
      await sql`CREATE INDEX journal_terminal_server_seq ON journal (terminal_id, server_seq)`.execute(db);
      let after = 0;
      for (;;) {
        const page = await sql<{
          server_seq: number;
          body: string;
        }>`SELECT server_seq, body FROM journal WHERE server_seq > ${after} ORDER BY server_seq LIMIT 1000`.execute(
          db,
        );
        if (page.rows.length === 0) break;
        for (const r of page.rows) {
          const { hash: _hash, ...covered } = JSON.parse(r.body) as Record<string, unknown>;
          await sql`UPDATE journal SET body = ${canonicalize(covered) as string} WHERE server_seq = ${r.server_seq}`.execute(
            db,
          );
        }
        after = Number((page.rows[page.rows.length - 1] as { server_seq: number }).server_seq);
      }

      await db.schema
        .createTable('sales')
        .addColumn('server_seq', big, (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('business_day', 'text', (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_cents', big, (c) => c.notNull())
        .addColumn('discount_cents', big, (c) => c.notNull())
        .addColumn('total_cents', big, (c) => c.notNull())
        .addColumn('payments', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text')
        .execute();
      await db.schema
        .createIndex('sales_terminal')
        .on('sales')
        .columns(['terminal_id', 'server_seq'])
        .execute();
      await db.schema.createIndex('sales_store').on('sales').columns(['store_id', 'server_seq']).execute();
      await db.schema
        .createTable('sale_lines')
        .addColumn('server_seq', big, (c) => c.notNull())
        .addColumn('line_no', big, (c) => c.notNull())
        .addColumn('line_id', 'text', (c) => c.notNull())
        .addColumn('product_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('quantity', big, (c) => c.notNull())
        .addColumn('weight_grams', big)
        .addColumn('unit_price_cents', big, (c) => c.notNull())
        .addColumn('amount_cents', big, (c) => c.notNull())
        .addColumn('discount_cents', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('sale_lines_pk', ['server_seq', 'line_no'])
        .execute();

      await db.schema
        .createTable('projection_cursors')
        .addColumn('projection', 'text', (c) => c.notNull())
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('server_seq', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('projection_cursors_pk', ['projection', 'stream_id'])
        .execute();
      await db.schema
        .createTable('parked_events')
        .addColumn('server_seq', big, (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('schema_version', big, (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('parked_at', big, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('fold_failures')
        .addColumn('projection', 'text', (c) => c.notNull())
        .addColumn('server_seq', big, (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('failed_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('fold_failures_pk', ['projection', 'server_seq'])
        .execute();

      await db.schema.alterTable('exceptions').addColumn('dedupe_key', 'text').execute();
      await db.schema
        .createIndex('exceptions_dedupe')
        .on('exceptions')
        .column('dedupe_key')
        .unique()
        .execute();
      await db.schema.createIndex('exceptions_store').on('exceptions').columns(['store_id', 'id']).execute();

      // Stores join the feed: one counter for every read model, so checkpoints stay monotonic.
      await sql`UPDATE counters SET name = 'feed_seq' WHERE name = 'product_seq'`.execute(db);
      await db.schema
        .alterTable('stores')
        .addColumn('server_seq', big, (c) => c.notNull().defaultTo(0))
        .execute();
      const stores = await sql<{ store_id: string }>`SELECT store_id FROM stores ORDER BY store_id`.execute(
        db,
      );
      for (const s of stores.rows) {
        await sql`UPDATE stores SET server_seq = (SELECT value + 1 FROM counters WHERE name = 'feed_seq') WHERE store_id = ${s.store_id}`.execute(
          db,
        );
        await sql`UPDATE counters SET value = value + 1 WHERE name = 'feed_seq'`.execute(db);
      }
      await db.schema.createIndex('stores_feed').on('stores').column('server_seq').execute();
    },
  };
}
