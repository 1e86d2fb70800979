import type { Product } from '../../../core/catalog/product';
import type { StoreSettings } from '../../../core/store/store-settings';

/**
 * The storage port: everything the domain needs from a database, and nothing about which one.
 * Two adapters implement it (storage/sqlite, storage/postgres) and pass one contract suite
 * (test/integration/sync-server/storage-contract.test.ts). All methods are async so the
 * PostgreSQL adapter fits; the SQLite adapter answers synchronously underneath.
 */
export type Dialect = 'sqlite' | 'postgres';

export interface PairingCodeRecord {
  codeHash: string;
  storeId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  terminalId: string | null;
}

export interface TerminalRecord {
  terminalId: string;
  storeId: string;
  name: string | null;
  tokenHash: string;
  pairedAt: number;
  lastSeenAt: number | null;
  /** Highest seq below which every seq has arrived (0 when none). */
  contiguousSeq: number;
  /** Highest seq received (the resume point for a reinstalled till). */
  maxSeq: number;
}

/** One journal event as stored: the canonical JSON body plus the columns the fold reads. */
export interface StoredJournalEvent {
  serverSeq: number;
  id: string;
  type: string;
  terminalId: string;
  storeId: string;
  seq: number;
  hash: string;
  prevHash: string;
  /** Canonical JSON (RFC 8785) of the event as the terminal sent it, without `_deleted`. */
  body: string;
  receivedAt: number;
}

export type NewJournalEvent = Omit<StoredJournalEvent, 'serverSeq'>;

/** The chain-relevant columns of a journal event. */
export type JournalLink = Pick<StoredJournalEvent, 'id' | 'seq' | 'hash' | 'prevHash'>;

export interface SaleLineRecord {
  lineNo: number;
  lineId: string;
  productId: string;
  code: string;
  name: string;
  quantity: number;
  weightGrams: number | null;
  unitPriceCents: number;
  amountCents: number;
}

export interface SaleRecord {
  eventId: string;
  serverSeq: number;
  terminalId: string;
  storeId: string;
  seq: number;
  businessDay: string;
  createdAt: number;
  currency: string;
  totalCents: number;
  /** JSON of the event's payments. */
  payments: string;
  memberId: string | null;
  lines: SaleLineRecord[];
}

export type ExceptionKind = 'tamper' | 'chain-break' | 'seq-reused';

export interface ExceptionRecord {
  id: number;
  kind: ExceptionKind;
  terminalId: string;
  storeId: string;
  eventId: string | null;
  seq: number | null;
  message: string;
  /** JSON with whatever helps a manager decide (the hashes, the refused content's hash, …). */
  detail: string | null;
  detectedAt: number;
}
export type NewException = Omit<ExceptionRecord, 'id'>;

export interface SalesFilter {
  storeId?: string;
  terminalId?: string;
  limit: number;
}
export interface ExceptionsFilter {
  storeId?: string;
  terminalId?: string;
  limit: number;
}

/** A product as the server keeps it: the replicated document plus the store it belongs to. */
export type ProductInput = Omit<Product, 'serverSeq' | '_deleted'> & { _deleted?: boolean };

export interface Repository {
  // Stores
  upsertStore(store: StoreSettings, now: number): Promise<void>;
  getStore(storeId: string): Promise<StoreSettings | undefined>;
  listStores(): Promise<StoreSettings[]>;

  // Pairing
  insertPairingCode(code: Omit<PairingCodeRecord, 'usedAt' | 'terminalId'>): Promise<void>;
  getPairingCode(codeHash: string): Promise<PairingCodeRecord | undefined>;
  /** Marks the code used if it still is unused; false when someone else used it first. */
  markPairingCodeUsed(codeHash: string, terminalId: string, now: number): Promise<boolean>;

  // Terminals
  insertTerminal(t: Omit<TerminalRecord, 'lastSeenAt' | 'contiguousSeq' | 'maxSeq'>): Promise<void>;
  getTerminal(terminalId: string): Promise<TerminalRecord | undefined>;
  /** Reads the terminal and, on PostgreSQL, locks its row until the transaction ends. */
  lockTerminal(terminalId: string): Promise<TerminalRecord | undefined>;
  findTerminalByTokenHash(tokenHash: string): Promise<TerminalRecord | undefined>;
  listTerminals(storeId?: string): Promise<TerminalRecord[]>;
  updateTerminalSeqs(terminalId: string, contiguousSeq: number, maxSeq: number): Promise<void>;
  touchTerminal(terminalId: string, now: number): Promise<void>;

  // Journal
  getJournalEvent(id: string): Promise<StoredJournalEvent | undefined>;
  /** Events of a terminal at one seq (normally one; more when a seq was reused). */
  journalAtSeq(terminalId: string, seq: number): Promise<StoredJournalEvent[]>;
  /** A terminal's events at seq-1, seq and seq+1 (what one event's chain check needs), by seq. */
  journalLinksAround(terminalId: string, seq: number): Promise<JournalLink[]>;
  /** Distinct seqs of a terminal above `seq`, ascending. */
  journalSeqsAbove(terminalId: string, seq: number): Promise<number[]>;
  /** Inserts the event and returns its serverSeq; undefined when the id already exists. */
  insertJournalEvent(e: NewJournalEvent): Promise<number | undefined>;
  /**
   * The fold's hot path in one step: inserts the event (serverSeq undefined when the id already
   * exists) and reads the terminal's other events at seq-1, seq and seq+1 (as journalLinksAround,
   * without the event just inserted). PostgreSQL does both in one round trip.
   */
  insertJournalEventWithLinks(
    e: NewJournalEvent,
  ): Promise<{ serverSeq: number | undefined; around: JournalLink[] }>;
  countJournal(): Promise<number>;

  // Folded sales
  insertSale(sale: SaleRecord): Promise<void>;
  listSales(filter: SalesFilter): Promise<SaleRecord[]>;
  /** Count and sum of all sales matching the filter (not only the listed page). */
  salesTotals(filter: Omit<SalesFilter, 'limit'>): Promise<{ count: number; totalCents: number }>;

  // Exceptions
  insertException(e: NewException): Promise<void>;
  listExceptions(filter: ExceptionsFilter): Promise<ExceptionRecord[]>;

  // Products (read model)
  /** Upserts and gives each written product a fresh serverSeq; returns how many were written. */
  upsertProducts(storeId: string, products: readonly ProductInput[]): Promise<number>;
  pullProducts(storeId: string, afterServerSeq: number, limit: number): Promise<Product[]>;
  maxProductSeq(storeId: string): Promise<number>;
  countProducts(storeId: string): Promise<number>;
}

export interface StorageTx extends Repository {
  /**
   * Runs `fn` inside a savepoint: if it throws, only its own writes are rolled back. The fold uses
   * one savepoint per event inside a batch transaction, so each event stays all-or-nothing.
   */
  savepoint<T>(fn: () => Promise<T>): Promise<T>;
}

export interface Storage extends Repository {
  readonly dialect: Dialect;
  /** One database transaction; committed when `fn` resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;
  /** Called after a commit that changed a store's products (same process). */
  onProductsChanged(listener: (storeId: string) => void): () => void;
  close(): Promise<void>;
}
