import type { Product } from '../../../../core/catalog/product';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type {
  Dialect,
  ExceptionRecord,
  ExceptionsFilter,
  JournalLink,
  NewException,
  NewJournalEvent,
  PairingCodeRecord,
  ProductInput,
  Repository,
  SaleRecord,
  SalesFilter,
  StoredJournalEvent,
  TerminalRecord,
} from '../port';
import { pullProductRows, upsertProductRows } from './product-rows';
import type { SqlExecutor } from './sql-executor';
import {
  toException,
  toJournal,
  toPairingCode,
  toSaleLine,
  toStore,
  toTerminal,
  type ExceptionRow,
  type JournalRow,
  type PairingCodeRow,
  type SaleLineRow,
  type SaleRow,
  type StoreRow,
  type TerminalRow,
} from './rows';

/**
 * The Repository in portable SQL (both SQLite ≥ 3.35 and PostgreSQL accept every statement here:
 * `?` placeholders, ON CONFLICT, RETURNING). The few dialect differences are switched on `dialect`.
 */
export class SqlRepository implements Repository {
  constructor(
    protected readonly exec: SqlExecutor,
    readonly dialect: Dialect,
    /** Called when products of a store changed inside this unit of work. */
    protected readonly productsTouched: (storeId: string) => void = () => {},
  ) {}

  async upsertStore(s: StoreSettings, now: number): Promise<void> {
    await this.exec.run(
      `INSERT INTO stores (store_id, name, currency, time_zone, locale, variable_measure, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, currency = excluded.currency,
         time_zone = excluded.time_zone, locale = excluded.locale, variable_measure = excluded.variable_measure`,
      [s.storeId, s.name, s.currency, s.timeZone, s.locale, JSON.stringify(s.variableMeasure), now],
    );
  }

  async getStore(storeId: string): Promise<StoreSettings | undefined> {
    const r = await this.exec.get<StoreRow>('SELECT * FROM stores WHERE store_id = ?', [storeId]);
    return r && toStore(r);
  }

  async listStores(): Promise<StoreSettings[]> {
    return (await this.exec.all<StoreRow>('SELECT * FROM stores ORDER BY store_id')).map(toStore);
  }

  async insertPairingCode(c: Omit<PairingCodeRecord, 'usedAt' | 'terminalId'>): Promise<void> {
    await this.exec.run(
      'INSERT INTO pairing_codes (code_hash, store_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
      [c.codeHash, c.storeId, c.createdAt, c.expiresAt],
    );
  }

  async getPairingCode(codeHash: string): Promise<PairingCodeRecord | undefined> {
    const r = await this.exec.get<PairingCodeRow>('SELECT * FROM pairing_codes WHERE code_hash = ?', [
      codeHash,
    ]);
    return r && toPairingCode(r);
  }

  async markPairingCodeUsed(codeHash: string, terminalId: string, now: number): Promise<boolean> {
    const { changes } = await this.exec.run(
      'UPDATE pairing_codes SET used_at = ?, terminal_id = ? WHERE code_hash = ? AND used_at IS NULL',
      [now, terminalId, codeHash],
    );
    return changes === 1;
  }

  async insertTerminal(t: Omit<TerminalRecord, 'lastSeenAt' | 'contiguousSeq' | 'maxSeq'>): Promise<void> {
    await this.exec.run(
      `INSERT INTO terminals (terminal_id, store_id, name, token_hash, paired_at, contiguous_seq, max_seq)
       VALUES (?, ?, ?, ?, ?, 0, 0)`,
      [t.terminalId, t.storeId, t.name, t.tokenHash, t.pairedAt],
    );
  }

  async getTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    const r = await this.exec.get<TerminalRow>('SELECT * FROM terminals WHERE terminal_id = ?', [terminalId]);
    return r && toTerminal(r);
  }

  async lockTerminal(terminalId: string): Promise<TerminalRecord | undefined> {
    // SQLite's BEGIN IMMEDIATE already holds the one write lock; PostgreSQL locks the row.
    const lock = this.dialect === 'postgres' ? ' FOR UPDATE' : '';
    const r = await this.exec.get<TerminalRow>(`SELECT * FROM terminals WHERE terminal_id = ?${lock}`, [
      terminalId,
    ]);
    return r && toTerminal(r);
  }

  async findTerminalByTokenHash(tokenHash: string): Promise<TerminalRecord | undefined> {
    const r = await this.exec.get<TerminalRow>('SELECT * FROM terminals WHERE token_hash = ?', [tokenHash]);
    return r && toTerminal(r);
  }

  async listTerminals(storeId?: string): Promise<TerminalRecord[]> {
    const rows =
      storeId === undefined
        ? await this.exec.all<TerminalRow>('SELECT * FROM terminals ORDER BY paired_at, terminal_id')
        : await this.exec.all<TerminalRow>(
            'SELECT * FROM terminals WHERE store_id = ? ORDER BY paired_at, terminal_id',
            [storeId],
          );
    return rows.map(toTerminal);
  }

  async updateTerminalSeqs(terminalId: string, contiguousSeq: number, maxSeq: number): Promise<void> {
    await this.exec.run('UPDATE terminals SET contiguous_seq = ?, max_seq = ? WHERE terminal_id = ?', [
      contiguousSeq,
      maxSeq,
      terminalId,
    ]);
  }

  async touchTerminal(terminalId: string, now: number): Promise<void> {
    await this.exec.run('UPDATE terminals SET last_seen_at = ? WHERE terminal_id = ?', [now, terminalId]);
  }

  async getJournalEvent(id: string): Promise<StoredJournalEvent | undefined> {
    const r = await this.exec.get<JournalRow>('SELECT * FROM journal WHERE id = ?', [id]);
    return r && toJournal(r);
  }

  async journalAtSeq(terminalId: string, seq: number): Promise<StoredJournalEvent[]> {
    const rows = await this.exec.all<JournalRow>(
      'SELECT * FROM journal WHERE terminal_id = ? AND seq = ? ORDER BY server_seq',
      [terminalId, seq],
    );
    return rows.map(toJournal);
  }

  async journalLinksAround(terminalId: string, seq: number): Promise<JournalLink[]> {
    const rows = await this.exec.all<{ id: string; seq: number; hash: string; prev_hash: string }>(
      `SELECT id, seq, hash, prev_hash FROM journal
       WHERE terminal_id = ? AND seq BETWEEN ? AND ? ORDER BY seq, server_seq`,
      [terminalId, seq - 1, seq + 1],
    );
    return rows.map((r) => ({ id: r.id, seq: Number(r.seq), hash: r.hash, prevHash: r.prev_hash }));
  }

  async journalSeqsAbove(terminalId: string, seq: number): Promise<number[]> {
    const rows = await this.exec.all<{ seq: number }>(
      'SELECT DISTINCT seq FROM journal WHERE terminal_id = ? AND seq > ? ORDER BY seq',
      [terminalId, seq],
    );
    return rows.map((r) => Number(r.seq));
  }

  async insertJournalEvent(e: NewJournalEvent): Promise<number | undefined> {
    const r = await this.exec.get<{ server_seq: number }>(
      `INSERT INTO journal (id, type, terminal_id, store_id, seq, hash, prev_hash, body, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING server_seq`,
      [e.id, e.type, e.terminalId, e.storeId, e.seq, e.hash, e.prevHash, e.body, e.receivedAt],
    );
    return r === undefined ? undefined : Number(r.server_seq);
  }

  async insertJournalEventWithLinks(
    e: NewJournalEvent,
  ): Promise<{ serverSeq: number | undefined; around: JournalLink[] }> {
    if (this.dialect !== 'postgres') {
      const serverSeq = await this.insertJournalEvent(e);
      const around = (await this.journalLinksAround(e.terminalId, e.seq)).filter((l) => l.id !== e.id);
      return { serverSeq, around };
    }
    // One statement: the CTE's insert and the neighbour read see the same snapshot, so the
    // neighbours never include the row being inserted. At least one row always comes back.
    const rows = await this.exec.all<{
      server_seq: number | null;
      id: string | null;
      seq: number | null;
      hash: string | null;
      prev_hash: string | null;
    }>(
      `WITH ins AS (
         INSERT INTO journal (id, type, terminal_id, store_id, seq, hash, prev_hash, body, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING RETURNING server_seq)
       SELECT ins.server_seq, n.id, n.seq, n.hash, n.prev_hash
       FROM (SELECT 1) AS one
       LEFT JOIN ins ON true
       LEFT JOIN (SELECT id, seq, hash, prev_hash, server_seq AS ss FROM journal
                  WHERE terminal_id = ? AND seq BETWEEN ? AND ?) AS n ON true
       ORDER BY n.seq, n.ss`,
      [
        e.id,
        e.type,
        e.terminalId,
        e.storeId,
        e.seq,
        e.hash,
        e.prevHash,
        e.body,
        e.receivedAt,
        e.terminalId,
        e.seq - 1,
        e.seq + 1,
      ],
    );
    const first = rows[0];
    return {
      serverSeq: first?.server_seq === null || first === undefined ? undefined : Number(first.server_seq),
      around: rows
        .filter((r) => r.id !== null)
        .map((r) => ({
          id: r.id as string,
          seq: Number(r.seq),
          hash: r.hash as string,
          prevHash: r.prev_hash as string,
        })),
    };
  }

  async countJournal(): Promise<number> {
    const r = await this.exec.get<{ n: number }>('SELECT COUNT(*) AS n FROM journal');
    return Number(r?.n ?? 0);
  }

  async insertSale(s: SaleRecord): Promise<void> {
    const sale = `INSERT INTO sales (event_id, server_seq, terminal_id, store_id, seq, business_day, created_at,
         currency, total_cents, payments, member_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    const saleParams = [
      s.eventId,
      s.serverSeq,
      s.terminalId,
      s.storeId,
      s.seq,
      s.businessDay,
      s.createdAt,
      s.currency,
      s.totalCents,
      s.payments,
      s.memberId,
    ];
    if (s.lines.length === 0) {
      await this.exec.run(sale, saleParams);
      return;
    }
    // All lines in one statement; on PostgreSQL the sale rides along in a data-modifying CTE, so
    // a sale costs one round trip.
    const lines = `INSERT INTO sale_lines (event_id, line_no, line_id, product_id, code, name, quantity,
         weight_grams, unit_price_cents, amount_cents) VALUES ${s.lines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    const lineParams = s.lines.flatMap((l) => [
      s.eventId,
      l.lineNo,
      l.lineId,
      l.productId,
      l.code,
      l.name,
      l.quantity,
      l.weightGrams,
      l.unitPriceCents,
      l.amountCents,
    ]);
    if (this.dialect === 'postgres') {
      await this.exec.run(`WITH sale AS (${sale}) ${lines}`, [...saleParams, ...lineParams]);
    } else {
      await this.exec.run(sale, saleParams);
      await this.exec.run(lines, lineParams);
    }
  }

  async listSales(f: SalesFilter): Promise<SaleRecord[]> {
    const { where, params } = filterClause(f);
    const sales = await this.exec.all<SaleRow>(
      `SELECT * FROM sales${where} ORDER BY server_seq DESC LIMIT ?`,
      [...params, f.limit],
    );
    if (sales.length === 0) return [];
    const marks = sales.map(() => '?').join(', ');
    const lines = await this.exec.all<SaleLineRow>(
      `SELECT * FROM sale_lines WHERE event_id IN (${marks}) ORDER BY event_id, line_no`,
      sales.map((s) => s.event_id),
    );
    const byEvent = new Map<string, SaleLineRow[]>();
    for (const l of lines) byEvent.set(l.event_id, [...(byEvent.get(l.event_id) ?? []), l]);
    return sales.map((s) => ({
      eventId: s.event_id,
      serverSeq: Number(s.server_seq),
      terminalId: s.terminal_id,
      storeId: s.store_id,
      seq: Number(s.seq),
      businessDay: s.business_day,
      createdAt: Number(s.created_at),
      currency: s.currency,
      totalCents: Number(s.total_cents),
      payments: s.payments,
      memberId: s.member_id,
      lines: (byEvent.get(s.event_id) ?? []).map(toSaleLine),
    }));
  }

  async salesTotals(f: Omit<SalesFilter, 'limit'>): Promise<{ count: number; totalCents: number }> {
    const { where, params } = filterClause(f);
    const r = await this.exec.get<{ n: number; total: number | null }>(
      `SELECT COUNT(*) AS n, SUM(total_cents) AS total FROM sales${where}`,
      params,
    );
    return { count: Number(r?.n ?? 0), totalCents: Number(r?.total ?? 0) };
  }

  async insertException(e: NewException): Promise<void> {
    await this.exec.run(
      `INSERT INTO exceptions (kind, terminal_id, store_id, event_id, seq, message, detail, detected_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.kind, e.terminalId, e.storeId, e.eventId, e.seq, e.message, e.detail, e.detectedAt],
    );
  }

  async listExceptions(f: ExceptionsFilter): Promise<ExceptionRecord[]> {
    const { where, params } = filterClause(f);
    const rows = await this.exec.all<ExceptionRow>(
      `SELECT * FROM exceptions${where} ORDER BY id DESC LIMIT ?`,
      [...params, f.limit],
    );
    return rows.map(toException);
  }

  async upsertProducts(storeId: string, products: readonly ProductInput[]): Promise<number> {
    const written = await upsertProductRows(this.exec, storeId, products);
    if (written > 0) this.productsTouched(storeId);
    return written;
  }

  pullProducts(storeId: string, afterServerSeq: number, limit: number): Promise<Product[]> {
    return pullProductRows(this.exec, storeId, afterServerSeq, limit);
  }

  async maxProductSeq(storeId: string): Promise<number> {
    const r = await this.exec.get<{ m: number | null }>(
      'SELECT MAX(server_seq) AS m FROM products WHERE store_id = ?',
      [storeId],
    );
    return Number(r?.m ?? 0);
  }

  async countProducts(storeId: string): Promise<number> {
    const r = await this.exec.get<{ n: number }>('SELECT COUNT(*) AS n FROM products WHERE store_id = ?', [
      storeId,
    ]);
    return Number(r?.n ?? 0);
  }
}

function filterClause(f: { storeId?: string; terminalId?: string }): { where: string; params: string[] } {
  const conds: string[] = [];
  const params: string[] = [];
  if (f.storeId !== undefined) {
    conds.push('store_id = ?');
    params.push(f.storeId);
  }
  if (f.terminalId !== undefined) {
    conds.push('terminal_id = ?');
    params.push(f.terminalId);
  }
  return { where: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', params };
}
