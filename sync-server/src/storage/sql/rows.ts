import type { Product } from '../../../../core/catalog/product';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type {
  ExceptionKind,
  ExceptionRecord,
  PairingCodeRecord,
  SaleLineRecord,
  StoredJournalEvent,
  TerminalRecord,
} from '../port';

/** Row shapes as both dialects return them (snake_case columns) and their mapping to records. */
export interface StoreRow {
  store_id: string;
  name: string;
  currency: string;
  time_zone: string;
  locale: string;
  variable_measure: string;
}
export const toStore = (r: StoreRow): StoreSettings => ({
  storeId: r.store_id,
  name: r.name,
  currency: r.currency,
  timeZone: r.time_zone,
  locale: r.locale,
  variableMeasure: JSON.parse(r.variable_measure) as StoreSettings['variableMeasure'],
});

export interface PairingCodeRow {
  code_hash: string;
  store_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  terminal_id: string | null;
}
export const toPairingCode = (r: PairingCodeRow): PairingCodeRecord => ({
  codeHash: r.code_hash,
  storeId: r.store_id,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  usedAt: r.used_at === null ? null : Number(r.used_at),
  terminalId: r.terminal_id,
});

export interface TerminalRow {
  terminal_id: string;
  store_id: string;
  name: string | null;
  token_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  contiguous_seq: number;
  max_seq: number;
}
export const toTerminal = (r: TerminalRow): TerminalRecord => ({
  terminalId: r.terminal_id,
  storeId: r.store_id,
  name: r.name,
  tokenHash: r.token_hash,
  pairedAt: Number(r.paired_at),
  lastSeenAt: r.last_seen_at === null ? null : Number(r.last_seen_at),
  contiguousSeq: Number(r.contiguous_seq),
  maxSeq: Number(r.max_seq),
});

export interface JournalRow {
  server_seq: number;
  id: string;
  type: string;
  terminal_id: string;
  store_id: string;
  seq: number;
  hash: string;
  prev_hash: string;
  body: string;
  received_at: number;
}
export const toJournal = (r: JournalRow): StoredJournalEvent => ({
  serverSeq: Number(r.server_seq),
  id: r.id,
  type: r.type,
  terminalId: r.terminal_id,
  storeId: r.store_id,
  seq: Number(r.seq),
  hash: r.hash,
  prevHash: r.prev_hash,
  body: r.body,
  receivedAt: Number(r.received_at),
});

export interface SaleRow {
  event_id: string;
  server_seq: number;
  terminal_id: string;
  store_id: string;
  seq: number;
  business_day: string;
  created_at: number;
  currency: string;
  total_cents: number;
  payments: string;
  member_id: string | null;
}
export interface SaleLineRow {
  event_id: string;
  line_no: number;
  line_id: string;
  product_id: string;
  code: string;
  name: string;
  quantity: number;
  weight_grams: number | null;
  unit_price_cents: number;
  amount_cents: number;
}
export const toSaleLine = (r: SaleLineRow): SaleLineRecord => ({
  lineNo: Number(r.line_no),
  lineId: r.line_id,
  productId: r.product_id,
  code: r.code,
  name: r.name,
  quantity: Number(r.quantity),
  weightGrams: r.weight_grams === null ? null : Number(r.weight_grams),
  unitPriceCents: Number(r.unit_price_cents),
  amountCents: Number(r.amount_cents),
});

export interface ExceptionRow {
  id: number;
  kind: string;
  terminal_id: string;
  store_id: string;
  event_id: string | null;
  seq: number | null;
  message: string;
  detail: string | null;
  detected_at: number;
}
export const toException = (r: ExceptionRow): ExceptionRecord => ({
  id: Number(r.id),
  kind: r.kind as ExceptionKind,
  terminalId: r.terminal_id,
  storeId: r.store_id,
  eventId: r.event_id,
  seq: r.seq === null ? null : Number(r.seq),
  message: r.message,
  detail: r.detail,
  detectedAt: Number(r.detected_at),
});

export interface ProductRow {
  id: string;
  code: string;
  name: string;
  price_cents: number;
  unit: string;
  category: string;
  brand: string;
  tags: string;
  deleted: number;
  server_seq: number;
}
export const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  code: r.code,
  name: r.name,
  priceCents: Number(r.price_cents),
  unit: r.unit as Product['unit'],
  category: r.category,
  brand: r.brand,
  tags: JSON.parse(r.tags) as string[],
  serverSeq: Number(r.server_seq),
  _deleted: Number(r.deleted) === 1,
});
