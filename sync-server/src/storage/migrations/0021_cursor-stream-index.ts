import type { Kysely } from 'kysely';

/**
 * A push reads its terminal's projection cursors by stream (cursors.ts `ofStreamWithHead`), but the
 * key is (projection, stream_id): every push scanned every cursor of every terminal. With 500
 * tills (~5,000 cursors) that read was 320 µs of a one-sale push on SQLite, the second costliest
 * statement after the ledger insert (fleet benchmark, issue 11).
 */
export function cursorStreamIndexMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('projection_cursors_stream')
        .on('projection_cursors')
        .column('stream_id')
        .execute();
    },
  };
}
