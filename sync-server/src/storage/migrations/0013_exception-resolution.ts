import type { Kysely } from 'kysely';
import type { Dialect } from '../storage';

/**
 * Exceptions a manager resolves (issue 10).
 * - `exceptions` gains a status (`open` → `acknowledged` → `resolved`), the business day, member and
 *   what is at stake (points, cents) so a list can be sorted and summed without parsing `detail`,
 *   and when/how it was resolved (`cleared` when the server itself saw the cause go away).
 * - `exception_events`: the events an exception names (one or several: the two uses of a coupon),
 *   so an event's page can show its exceptions; indexed by (terminal_id, event_id).
 * - `adjustments`: one row per `adjustment` server event, folded by the exception projection; the
 *   audit trail reads it. Points/cents are what the adjustment moved (0 when it moved nothing);
 *   lost_from/lost_to the seqs of terminal_id a manager confirmed as lost.
 */
export function exceptionResolutionMigration(_dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const add = (col: string, type: 'text' | 'bigint', notNullDefault?: string | number) =>
        db.schema
          .alterTable('exceptions')
          .addColumn(col, type, (c) =>
            notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault),
          )
          .execute();
      await add('status', 'text', 'open');
      await add('business_day', 'text');
      await add('member_id', 'text');
      await add('points_at_stake', 'bigint', 0);
      await add('cents_at_stake', 'bigint', 0);
      await add('resolved_at', 'bigint');
      await add('resolution', 'text');
      await db.schema
        .createIndex('exceptions_store_status')
        .on('exceptions')
        .columns(['store_id', 'status', 'id'])
        .execute();
      await db.schema
        .createIndex('exceptions_store_day')
        .on('exceptions')
        .columns(['store_id', 'business_day'])
        .execute();
      await db.schema
        .createTable('exception_events')
        .addColumn('exception_id', 'bigint', (c) => c.notNull())
        .addColumn('terminal_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exception_events_pk', ['exception_id', 'terminal_id', 'event_id'])
        .execute();
      await db.schema
        .createIndex('exception_events_event')
        .on('exception_events')
        .columns(['terminal_id', 'event_id'])
        .execute();
      await db.schema
        .createTable('adjustments')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('server_seq', 'bigint', (c) => c.notNull())
        .addColumn('exception_id', 'bigint', (c) => c.notNull())
        .addColumn('exception_kind', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resolution', 'text')
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('actor_role', 'text', (c) => c.notNull())
        .addColumn('store_id', 'text', (c) => c.notNull())
        .addColumn('terminal_id', 'text')
        .addColumn('member_id', 'text')
        .addColumn('points', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('cents', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('cost_bearer', 'text')
        // A seq gap marked lost: the till's seqs from..to (terminal_id), shown as lost, not missing.
        .addColumn('lost_from', 'bigint')
        .addColumn('lost_to', 'bigint')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('adjustments_exception')
        .on('adjustments')
        .columns(['exception_id', 'server_seq'])
        .execute();
      await db.schema
        .createIndex('adjustments_store_at')
        .on('adjustments')
        .columns(['store_id', 'at'])
        .execute();
      await db.schema
        .createIndex('adjustments_member')
        .on('adjustments')
        .columns(['member_id', 'at'])
        .execute();
    },
  };
}
