import { sql } from 'kysely';
import type { CardBlock } from '../../../../core/loyalty/card-range';
import type { Db } from '../storage';

export interface CardRangeRow extends CardBlock {
  terminalId: string;
  storeId: string;
  allocatedAt: number;
  issued: number;
}

const counterName = (formatId: string) => `card_serial:${formatId}`;

/** Blocks of card serials per terminal (migration 0007). */
export class CardRangesRepo {
  constructor(private readonly db: Db) {}

  /**
   * Reserves the next `n` serials of a format and returns the first, starting at `firstSerial`
   * for a format never allocated before. The counter row is created once (a concurrent creator
   * is a no-op), then moved by one atomic `UPDATE … RETURNING`: on PostgreSQL the row stays
   * locked until commit, so two allocations — from two server instances too — never get the
   * same serials; on SQLite the writer lock does the same.
   */
  async reserve(formatId: string, n: number, firstSerial: number): Promise<number> {
    const name = counterName(formatId);
    await this.db
      .insertInto('counters')
      .values({ name, value: firstSerial - 1 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await sql<{
      value: number;
    }>`UPDATE counters SET value = value + ${n} WHERE name = ${name} RETURNING value`.execute(this.db);
    const top = r.rows[0];
    if (!top) throw new Error(`card serial counter ${name} is missing`);
    return Number(top.value) - n + 1;
  }

  async insert(row: Omit<CardRangeRow, 'issued'>): Promise<void> {
    await this.db
      .insertInto('card_ranges')
      .values({
        format_id: row.formatId,
        first_serial: row.firstSerial,
        last_serial: row.lastSerial,
        terminal_id: row.terminalId,
        store_id: row.storeId,
        allocated_at: row.allocatedAt,
      })
      .execute();
  }

  /** One terminal's blocks, oldest first. */
  async ofTerminal(terminalId: string): Promise<CardRangeRow[]> {
    const rows = await this.db
      .selectFrom('card_ranges')
      .selectAll()
      .where('terminal_id', '=', terminalId)
      .orderBy('format_id')
      .orderBy('first_serial')
      .execute();
    return rows.map(toRow);
  }

  /** The block (of any terminal) that holds this serial, if one does. */
  async holding(formatId: string, serial: number): Promise<CardRangeRow | undefined> {
    const r = await this.db
      .selectFrom('card_ranges')
      .selectAll()
      .where('format_id', '=', formatId)
      .where('first_serial', '<=', serial)
      .orderBy('first_serial', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && Number(r.last_serial) >= serial ? toRow(r) : undefined;
  }

  /** One more number of this block was issued (the enrolment projection, once per enrolment). */
  async countIssued(formatId: string, firstSerial: number): Promise<void> {
    await this.db
      .updateTable('card_ranges')
      .set((eb) => ({ issued: eb('issued', '+', 1) }))
      .where('format_id', '=', formatId)
      .where('first_serial', '=', firstSerial)
      .execute();
  }
}

function toRow(r: {
  format_id: string;
  first_serial: number;
  last_serial: number;
  terminal_id: string;
  store_id: string;
  allocated_at: number;
  issued: number;
}): CardRangeRow {
  return {
    formatId: r.format_id,
    firstSerial: Number(r.first_serial),
    lastSerial: Number(r.last_serial),
    terminalId: r.terminal_id,
    storeId: r.store_id,
    allocatedAt: Number(r.allocated_at),
    issued: Number(r.issued),
  };
}
