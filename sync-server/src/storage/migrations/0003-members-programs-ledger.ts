import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Loyalty reaches the server: members (accounts) with their cards, the stores that saw them,
 * published program versions, and the points ledger (one row per ledger entry id: a retry or a
 * refold never adds one). Members and programs are read models of the feed (server_seq from the
 * shared counter). The ledger and the folded member figures are the `ledger` projection's.
 */
export function membersProgramsLedgerMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const big = dialect === 'postgres' ? 'bigint' : 'integer';
      await db.schema
        .createTable('members')
        .addColumn('member_id', 'text', (c) => c.primaryKey())
        .addColumn('home_store_id', 'text', (c) => c.notNull())
        .addColumn('full_name', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone_hash', 'text')
        .addColumn('phone_last3', 'text')
        .addColumn('tier', 'text')
        .addColumn('segments', 'text', (c) => c.notNull())
        .addColumn('birthday', 'text')
        .addColumn('enrolled_at', big, (c) => c.notNull())
        .addColumn('opted_in', big, (c) => c.notNull())
        .addColumn('balance', big, (c) => c.notNull())
        .addColumn('pending_points', big, (c) => c.notNull())
        .addColumn('lifetime_earned', big, (c) => c.notNull())
        .addColumn('applied_through', 'text', (c) => c.notNull())
        .addColumn('counters', 'text', (c) => c.notNull())
        .addColumn('server_seq', big, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('members_feed').on('members').column('server_seq').execute();
      await db.schema
        .createIndex('members_home')
        .on('members')
        .columns(['home_store_id', 'server_seq'])
        .execute();
      await db.schema.createIndex('members_phone').on('members').column('phone_hash').execute();
      await db.schema
        .createTable('member_cards')
        .addColumn('card_number', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('member_cards_member').on('member_cards').column('member_id').execute();
      await db.schema
        .createTable('member_seen')
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('member_seen_pk', ['member_id', 'store_id'])
        .execute();
      await db.schema
        .createIndex('member_seen_store')
        .on('member_seen')
        .columns(['store_id', 'last_seen_at'])
        .execute();

      await db.schema
        .createTable('programs')
        .addColumn('program_id', 'text', (c) => c.notNull())
        .addColumn('version', big, (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('scope_stores', 'text')
        .addColumn('published_at', big, (c) => c.notNull())
        .addColumn('retired_at', big)
        .addColumn('server_seq', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('programs_pk', ['program_id', 'version'])
        .execute();
      await db.schema.createIndex('programs_feed').on('programs').column('server_seq').execute();

      await db.schema
        .createTable('ledger_entries')
        .addColumn('entry_id', 'text', (c) => c.primaryKey())
        .addColumn('member_id', 'text')
        .addColumn('provisional_card', 'text')
        .addColumn('server_seq', big, (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('seq', big, (c) => c.notNull())
        .addColumn('account', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('amount', big, (c) => c.notNull())
        .addColumn('program_id', 'text', (c) => c.notNull())
        .addColumn('program_version', big, (c) => c.notNull())
        .addColumn('rule_id', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', big, (c) => c.notNull())
        // 'posted' (spendable), 'pending' (in its program's return window until available_at).
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('available_at', big)
        .addColumn('expires_at', big)
        .execute();
      await db.schema
        .createIndex('ledger_pending')
        .on('ledger_entries')
        .columns(['status', 'available_at'])
        .execute();
      await db.schema
        .createIndex('ledger_member')
        .on('ledger_entries')
        .columns(['member_id', 'server_seq'])
        .execute();
      await db.schema.createIndex('ledger_card').on('ledger_entries').column('provisional_card').execute();
    },
  };
}
