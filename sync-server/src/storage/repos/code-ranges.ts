import type { CardBlock } from '../../../../core/loyalty/card-range';
import type { Db } from '../storage';
import { CardRangesRepo } from './card-ranges';

export interface CodeRangeRow extends CardBlock {
  terminalId: string;
  storeId: string;
  allocatedAt: number;
}

/**
 * Blocks of coupon/voucher serials per terminal (migration 0012). The serials are cut from the
 * same kind of counter row as the card ranges (`card_serial:<format>` in `counters`, one row per
 * format, moved by one atomic UPDATE … RETURNING), so concurrent allocations never overlap.
 */
export class CodeRangesRepo {
  constructor(private readonly db: Db) {}

  /** Reserves the next `n` serials of the format (from `firstSerial` for a new one); returns the first. */
  reserve(formatId: string, n: number, firstSerial: number): Promise<number> {
    return new CardRangesRepo(this.db).reserve(formatId, n, firstSerial);
  }

  async insert(row: CodeRangeRow): Promise<void> {
    await this.db
      .insertInto('code_ranges')
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

  /** One terminal's blocks of one format, oldest first. */
  async ofTerminal(terminalId: string, formatId: string): Promise<CodeRangeRow[]> {
    const rows = await this.db
      .selectFrom('code_ranges')
      .selectAll()
      .where('terminal_id', '=', terminalId)
      .where('format_id', '=', formatId)
      .orderBy('first_serial')
      .execute();
    return rows.map((r) => ({
      formatId: r.format_id,
      firstSerial: Number(r.first_serial),
      lastSerial: Number(r.last_serial),
      terminalId: r.terminal_id,
      storeId: r.store_id,
      allocatedAt: Number(r.allocated_at),
    }));
  }
}
