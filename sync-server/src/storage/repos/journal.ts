import { sql } from 'kysely';
import type { JournalRow, NewJournalRow } from '../schema';
import type { Db, Dialect } from '../storage';
import { chunksFor } from './chunks';
import { inList } from './in-list';
import { executePrepared } from './prepared';
import { insertPaddedValues, type ColumnType } from './padded-values';
import { insertRows } from './raw-insert';

const JOURNAL_COLUMNS = [
  'id',
  'type',
  'schema_version',
  'terminal_id',
  'store_id',
  'seq',
  'hash',
  'prev_hash',
  'body',
  'received_at',
] as const satisfies readonly (keyof NewJournalRow)[];
/** Their types on PostgreSQL, for the typed VALUES list of insertMany (repos/padded-values.ts). */
const JOURNAL_TYPES = [
  { name: 'id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'schema_version', type: 'bigint' },
  { name: 'terminal_id', type: 'text' },
  { name: 'store_id', type: 'text' },
  { name: 'seq', type: 'bigint' },
  { name: 'hash', type: 'text' },
  { name: 'prev_hash', type: 'text' },
  { name: 'body', type: 'text' },
  { name: 'received_at', type: 'bigint' },
] as const satisfies readonly { name: (typeof JOURNAL_COLUMNS)[number]; type: ColumnType }[];

export type StoredJournalEvent = JournalRow;
/** How many events at one seq the chain check reads (the oldest; more is a seq reused anyway). */
export const LINKS_PER_SEQ = 20;
/** The chain-relevant columns of a journal event. */
export type JournalLink = Pick<JournalRow, 'id' | 'seq' | 'hash' | 'prev_hash' | 'server_seq'>;

/** The journal: insert-only, ids scoped to their terminal. */
export class JournalRepo {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Inserts the events, idempotent on (terminal, id): returns the serverSeq of each id that was
   * new. An id the terminal already used is not inserted (the caller compares the content).
   */
  async insertMany(rows: readonly NewJournalRow[]): Promise<Map<string, number>> {
    const inserted = new Map<string, number>();
    const suffix = 'ON CONFLICT (terminal_id, id) DO NOTHING RETURNING id, server_seq';
    for (const chunk of chunksFor(rows, JOURNAL_COLUMNS.length)) {
      const values = chunk.map((r) => JOURNAL_COLUMNS.map((c) => r[c] as string | number));
      const back =
        this.dialect === 'postgres'
          ? await insertPaddedValues<{ id: string; server_seq: number }>(
              this.db,
              'journal',
              JOURNAL_TYPES,
              values,
              suffix,
            )
          : await insertRows<{ id: string; server_seq: number }>(
              this.db,
              this.dialect,
              'journal',
              JOURNAL_COLUMNS,
              values,
              suffix,
            );
      for (const r of back) inserted.set(r.id, Number(r.server_seq));
    }
    // RETURNING order is not guaranteed on every engine; serverSeq order is the journal's order.
    return this.dialect === 'postgres' ? new Map([...inserted].sort((a, b) => a[1] - b[1])) : inserted;
  }

  async byIds(terminalId: string, ids: readonly string[]): Promise<StoredJournalEvent[]> {
    const out: StoredJournalEvent[] = [];
    for (const chunk of chunksFor(ids, 1)) {
      out.push(
        ...(await this.db
          .selectFrom('journal')
          .selectAll()
          .where('terminal_id', '=', terminalId)
          .where('id', 'in', chunk)
          .execute()),
      );
    }
    return out;
  }

  /**
   * A terminal's events at the given seqs (what the chain check of a batch needs), by seq then
   * serverSeq: at most the oldest LINKS_PER_SEQ at each seq, so a till that reused one seq
   * thousands of times cannot make every push read them all.
   */
  async linksAt(terminalId: string, seqs: readonly number[]): Promise<JournalLink[]> {
    const out: JournalLink[] = [];
    for (const chunk of chunksFor([...new Set(seqs)], 1)) {
      const ranked = this.db
        .selectFrom('journal')
        .select([
          'id',
          'seq',
          'hash',
          'prev_hash',
          'server_seq',
          // Window functions: SQLite ≥ 3.25, PostgreSQL.
          sql<number>`ROW_NUMBER() OVER (PARTITION BY seq ORDER BY server_seq)`.as('rn'),
        ])
        .where('terminal_id', '=', terminalId)
        .where(inList(this.dialect, 'seq', chunk))
        .as('ranked');
      out.push(
        ...(await executePrepared(
          this.db,
          this.db
            .selectFrom(ranked)
            .select(['id', 'seq', 'hash', 'prev_hash', 'server_seq'])
            .where('rn', '<=', LINKS_PER_SEQ),
        )),
      );
    }
    return out.sort((a, b) => a.seq - b.seq || a.server_seq - b.server_seq);
  }

  /** Distinct seqs of a terminal above `seq`, ascending. */
  async seqsAbove(terminalId: string, seq: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('journal')
      .select('seq')
      .distinct()
      .where('terminal_id', '=', terminalId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.seq);
  }

  /** At most `limit` distinct seqs of a terminal above `after`, ascending: seq tracking pages with it. */
  async seqsAbovePage(terminalId: string, after: number, limit: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('journal')
      .select('seq')
      .distinct()
      .where('terminal_id', '=', terminalId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => r.seq);
  }

  /**
   * How many missing ranges (gaps) a terminal's seqs leave above `after`: one statement, so a
   * report can say how many it does not list.
   */
  async gapCountAbove(terminalId: string, after: number): Promise<number> {
    const distinct = this.db
      .selectFrom('journal')
      .select('seq')
      .distinct()
      .where('terminal_id', '=', terminalId)
      .where('seq', '>', after)
      .as('d');
    const withPrev = this.db
      .selectFrom(distinct)
      .select(['seq', sql<number>`LAG(seq, 1, ${after}) OVER (ORDER BY seq)`.as('prev')])
      .as('w');
    const r = await this.db
      .selectFrom(withPrev)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(sql<boolean>`seq > prev + 1`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Events after a serverSeq, in the server's order: for catch-up and refold (one stream or all). */
  async page(afterServerSeq: number, limit: number, terminalId?: string): Promise<StoredJournalEvent[]> {
    let q = this.db.selectFrom('journal').selectAll().where('server_seq', '>', afterServerSeq);
    if (terminalId !== undefined) q = q.where('terminal_id', '=', terminalId);
    return q.orderBy('server_seq').limit(limit).execute();
  }

  async byServerSeqs(serverSeqs: readonly number[]): Promise<StoredJournalEvent[]> {
    const rows: StoredJournalEvent[] = [];
    for (const chunk of chunksFor(serverSeqs, 1)) {
      rows.push(
        ...(await this.db.selectFrom('journal').selectAll().where('server_seq', 'in', chunk).execute()),
      );
    }
    return rows.sort((a, b) => a.server_seq - b.server_seq);
  }

  /** The serverSeq of a stream's newest event before `serverSeq` (0 when none). */
  async streamHeadBefore(terminalId: string, serverSeq: number): Promise<number> {
    const r = await this.db
      .selectFrom('journal')
      .select((eb) => eb.fn.max('server_seq').as('head'))
      .where('terminal_id', '=', terminalId)
      .where('server_seq', '<', serverSeq)
      .executeTakeFirst();
    return Number(r?.head ?? 0);
  }

  /** Each stream (terminal) with the serverSeq of its newest event. */
  async streamHeads(): Promise<{ streamId: string; serverSeq: number }[]> {
    const rows = await this.db
      .selectFrom('journal')
      .select(['terminal_id', (eb) => eb.fn.max('server_seq').as('head')])
      .groupBy('terminal_id')
      .execute();
    return rows.map((r) => ({ streamId: r.terminal_id, serverSeq: Number(r.head) }));
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('journal')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
