import { sql, type Kysely } from 'kysely';

/**
 * The server's own journal stream (terminalId `hq`): its seq counter, whose row an append
 * updates (`UPDATE counters … RETURNING`), so two appends are serialised until commit and the
 * stream's seq stays gap-free. An index for the expiry job (lots due by `expires_at`).
 */
export function serverStreamMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await sql`INSERT INTO counters (name, value) VALUES ('hq_seq', 0)`.execute(db);
      await db.schema
        .createIndex('ledger_expiry')
        .on('ledger_entries')
        .columns(['account', 'expires_at'])
        .execute();
    },
  };
}
