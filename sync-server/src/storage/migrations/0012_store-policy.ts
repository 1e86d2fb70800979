import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * The store's offline policy and its managers (issue 9), and the sale lookup's indexes.
 * - `stores.offline_policy`, `stores.sanity_limits`: JSON text (core/store/store-policy.ts);
 *   NULL = the defaults of that file, so a store nobody configured follows the product's numbers.
 * - `store_managers`: who may override at the store's tills; the PIN only as its slow salted hash
 *   (core/loyalty/manager-pin.ts), which the tills replicate to check it offline.
 * - `code_ranges`: blocks of coupon/voucher serials per till (core/sync/code-range-protocol.ts),
 *   cut from a per-format counter like the card ranges (0007), in a table of their own so the
 *   card ranges' count of unissued numbers never mixes in a coupon block.
 * - `journal_event_id`: a till looks a sale up by its id (GET /sync/v1/sales/:saleId); the unique
 *   key (terminal_id, id) cannot serve a lookup by id alone.
 * - `journal_return_sale`: the returns of one sale, by the sale id a return names
 *   (`original.saleId`). Partial (returns only) and on an expression of the stored canonical body,
 *   so the push writes nothing more. The expression cannot fail on a stored body: the server
 *   stores canonical JSON only, and the document shape check refuses NUL in any text (which
 *   PostgreSQL could not turn into text). Read as `json` there: no jsonb conversion on insert.
 */
export function storePolicyMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('stores').addColumn('offline_policy', 'text').execute();
      await db.schema.alterTable('stores').addColumn('sanity_limits', 'text').execute();
      await db.schema
        .createTable('store_managers')
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('manager_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('store_managers_pk', ['store_id', 'manager_id'])
        .execute();
      await db.schema
        .createTable('code_ranges')
        .addColumn('format_id', 'text', (c) => c.notNull())
        .addColumn('first_serial', 'bigint', (c) => c.notNull())
        .addColumn('last_serial', 'bigint', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('allocated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('code_ranges_pk', ['format_id', 'first_serial'])
        .addCheckConstraint('code_ranges_order', sql`first_serial <= last_serial`)
        .execute();
      await db.schema
        .createIndex('code_ranges_terminal')
        .on('code_ranges')
        .columns(['terminal_id', 'format_id', 'first_serial'])
        .execute();
      await db.schema.createIndex('journal_event_id').on('journal').column('id').execute();
      await sql
        .raw(
          `CREATE INDEX journal_return_sale ON journal (${returnSaleIdSql(dialect)}) WHERE type = 'return'`,
        )
        .execute(db);
    },
  };
}

/** The sale id a stored return names; the lookup's WHERE uses exactly this, so the index serves it. */
export function returnSaleIdSql(dialect: Dialect): string {
  return dialect === 'sqlite'
    ? `json_extract(body, '$.original.saleId')`
    : `((body::json -> 'original') ->> 'saleId')`;
}
