import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The database as Kysely sees it, for both dialects. Integers are JS numbers: every value is
 * bounded far below 2^53 (core/journal/bounds.ts); the PostgreSQL pool parses BIGINT as a number,
 * and sums are read as text so a total is exact whatever its size (repos/sales.ts).
 */
export interface StoresTable {
  store_id: string;
  name: string;
  currency: string;
  time_zone: string;
  locale: string;
  variable_measure: string;
  /** Members of the stores of one region replicate to each other's tills; null = none (migration 0005). */
  region: string | null;
  created_at: number;
  /** The store settings read model's checkpoint (the shared feed counter). */
  server_seq: number;
  /** JSON (core/store/store-policy.ts); null = the defaults there (migration 0012). */
  offline_policy: string | null;
  sanity_limits: string | null;
}

/** Blocks of coupon/voucher serials allocated to tills (migration 0012); never overlapping. */
export interface CodeRangesTable {
  format_id: string;
  first_serial: number;
  last_serial: number;
  terminal_id: string;
  store_id: string;
  allocated_at: number;
}

/** Who may override at a store's tills; the PIN only as its salted scrypt hash (migration 0012). */
export interface StoreManagersTable {
  store_id: string;
  manager_id: string;
  name: string;
  pin_hash: string;
  created_at: number;
}

export interface PairingCodesTable {
  code_hash: string;
  store_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  terminal_id: string | null;
}

export interface TerminalsTable {
  terminal_id: string;
  store_id: string;
  name: string | null;
  token_hash: string;
  paired_at: number;
  last_seen_at: number | null;
  contiguous_seq: number;
  max_seq: number;
  /** Migration 0014: what the till reported with its last push (null = never). */
  pending_reported?: number | null;
  pending_reported_at?: number | null;
  clock_skew_ms?: number | null;
}

/** Insert-only. Unique on (terminal_id, id): an event id means something only within its terminal. */
export interface JournalTable {
  server_seq: Generated<number>;
  id: string;
  type: string;
  schema_version: number;
  terminal_id: string;
  store_id: string;
  seq: number;
  hash: string;
  prev_hash: string;
  /**
   * Canonical JSON (RFC 8785) of the document exactly as received — unknown fields included —
   * without `hash` (the column above) and RxDB's `_deleted`: exactly what the hash covers, so
   * sha256(body) = hash for every event that was not edited.
   */
  body: string;
  received_at: number;
}

export interface SalesTable {
  server_seq: number;
  event_id: string;
  terminal_id: string;
  store_id: string;
  seq: number;
  business_day: string;
  created_at: number;
  currency: string;
  subtotal_cents: number;
  discount_cents: number;
  total_cents: number;
  payments: string;
  member_id: string | null;
  /** When the sale's event reached the server (the journal's received_at; migration 0016). */
  received_at: number | null;
}

/** One row per payment of a sale (migration 0016): the tender report's GROUP BY. */
export interface SaleTendersTable {
  server_seq: number;
  idx: number;
  store_id: string;
  business_day: string;
  /** cash | card | points | gift-card */
  tender: string;
  cents: number;
  points: number;
}

export interface SaleLinesTable {
  server_seq: number;
  line_no: number;
  line_id: string;
  product_id: string;
  code: string;
  name: string;
  quantity: number;
  weight_grams: number | null;
  unit_price_cents: number;
  amount_cents: number;
  discount_cents: number;
}

export interface ExceptionsTable {
  id: Generated<number>;
  kind: string;
  terminal_id: string;
  store_id: string;
  event_id: string | null;
  seq: number | null;
  message: string;
  detail: string | null;
  detected_at: number;
  /** Same key = same finding: a forged document pushed again adds no second exception. */
  dedupe_key: string | null;
  // 0013 (issue 10): a manager's resolution.
  status: Generated<'open' | 'acknowledged' | 'resolved'>;
  business_day: string | null;
  member_id: string | null;
  points_at_stake: Generated<number>;
  cents_at_stake: Generated<number>;
  resolved_at: number | null;
  resolution: string | null;
}

/** The events an exception names (0013). */
export interface ExceptionEventsTable {
  exception_id: number;
  terminal_id: string;
  event_id: string;
}

/** One row per `adjustment` server event (0013), folded by the exception projection. */
export interface AdjustmentsTable {
  event_id: string;
  server_seq: number;
  exception_id: number;
  exception_kind: string;
  action: string;
  resolution: string | null;
  note: string;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  store_id: string;
  terminal_id: string | null;
  member_id: string | null;
  points: number;
  cents: number;
  cost_bearer: string | null;
  lost_from: number | null;
  lost_to: number | null;
  at: number;
}

/** One row per `shift-close` event (0015), folded by the shifts projection. */
export interface ShiftsTable {
  shift_event_id: string;
  terminal_id: string;
  store_id: string;
  business_day: string;
  seq: number;
  first_seq: number;
  last_seq: number;
  opened_at: number;
  closed_at: number;
  /** JSON {id, name}. */
  cashier: string;
  /** JSON ShiftTotals, as the till counted them. */
  till_totals: string;
  float_cents: number;
  counted_cash_cents: number;
  expected_cash_cents: number;
  status: Generated<'reconciled' | 'differences'>;
  exception_id: number | null;
  server_seq: number;
}

export interface ProductsTable {
  store_id: string;
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

export interface CountersTable {
  name: string;
  value: number;
}

/** How far each projection has folded each journal stream (a terminal's events). */
export interface ProjectionCursorsTable {
  projection: string;
  stream_id: string;
  server_seq: number;
}

/** Events stored but not understood yet (unknown type or newer version): folded once a server knows them. */
export interface ParkedEventsTable {
  server_seq: number;
  event_id: string;
  terminal_id: string;
  store_id: string;
  seq: number;
  type: string;
  schema_version: number;
  reason: string;
  message: string;
  parked_at: number;
}

/** Events a projection could not fold: the projection went on; `refold` tries them again. */
export interface FoldFailuresTable {
  projection: string;
  server_seq: number;
  event_id: string;
  terminal_id: string;
  store_id: string;
  seq: number;
  error: string;
  failed_at: number;
}

export interface MembersTable {
  member_id: string;
  home_store_id: string;
  /** Personal data stays on the server; tills get display_name and phone_last3 only. */
  full_name: string;
  display_name: string;
  email: string | null;
  phone_hash: string | null;
  phone_last3: string | null;
  tier: string | null;
  /** JSON string[]. */
  segments: string;
  birthday: string | null;
  enrolled_at: number;
  opted_in: number;
  // The ledger projection's figures:
  balance: number;
  pending_points: number;
  lifetime_earned: number;
  /** JSON {terminalId: seq}. */
  applied_through: string;
  /** JSON MemberCounters (core/loyalty/member-doc.ts). */
  counters: string;
  server_seq: number;
}

/** One change of a member's tier (migration 0019): the tier movements read it. */
export interface TierChangesTable {
  id: string;
  member_id: string;
  /** The member's home store when the tier changed. */
  store_id: string;
  from_tier: string | null;
  to_tier: string | null;
  /** Places on the ladder then (0 = first level); null where no ladder names the tier. */
  from_rank: number | null;
  to_rank: number | null;
  changed_at: number;
  /** The home store's local day of changed_at. */
  business_day: string;
  source: 'tier-job' | 'member-import';
}

export interface MemberCardsTable {
  card_number: string;
  member_id: string;
}

export interface MemberSeenTable {
  member_id: string;
  store_id: string;
  last_seen_at: number;
}

export interface ProgramsTable {
  program_id: string;
  version: number;
  /** The program file as published (validated with core/rules' schema). */
  body: string;
  /** JSON string[] of the stores in the program's scope; null = every store. */
  scope_stores: string | null;
  published_at: number;
  retired_at: number | null;
  server_seq: number;
}

/** Published reward versions (migration 0008), immutable like programs; the `rewards` read model. */
export interface RewardsTable {
  reward_id: string;
  version: number;
  /** The reward file as published (validated with core/loyalty/reward.ts). */
  body: string;
  /** JSON string[] of the stores that offer it; null = every store. */
  scope_stores: string | null;
  published_at: number;
  retired_at: number | null;
  server_seq: number;
}

export interface LedgerEntriesTable {
  entry_id: string;
  member_id: string | null;
  provisional_card: string | null;
  server_seq: number;
  terminal_id: string;
  store_id: string;
  seq: number;
  account: string;
  unit: string;
  amount: number;
  program_id: string;
  program_version: number;
  rule_id: string;
  text: string;
  created_at: number;
  status: 'posted' | 'pending';
  available_at: number | null;
  expires_at: number | null;
}

/** Blocks of card serials allocated to tills (migration 0007); never overlapping. */
export interface CardRangesTable {
  format_id: string;
  first_serial: number;
  last_serial: number;
  terminal_id: string;
  store_id: string;
  allocated_at: number;
  issued: Generated<number>;
}

/** Who referred whom (migration 0009); credited_at set once both sides were rewarded. */
export interface ReferralsTable {
  referee_id: string;
  referrer_id: string;
  code: string;
  referred_at: number;
  enrolment_id: string;
  terminal_id: string;
  store_id: string;
  credited_at: number | null;
}

/** The first event that used each coupon code (migration 0010); a restored code has no row. */
export interface CouponUsesTable {
  code: string;
  event_id: string;
  terminal_id: string;
  store_id: string;
  server_seq: number;
  used_at: number;
}

/** A member's open overdraft (migration 0010): its exception's key and the events involved (JSON). */
export interface OverdraftEpisodesTable {
  member_id: string;
  dedupe_key: string;
  events: string;
  opened_seq: number;
}

/** Folded returns (migration 0010); `lines` is the return's lines as JSON. */
export interface ReturnsTable {
  return_id: string;
  server_seq: number;
  terminal_id: string;
  store_id: string;
  seq: number;
  sale_id: string;
  business_day: string;
  created_at: number;
  currency: string;
  total_cents: number;
  member_id: string | null;
  lines: string;
  reason: string;
}

/** Gift cards and store credit the server issued (migration 0011); balance folded from the ledger. */
export interface GiftCardsTable {
  code: string;
  kind: 'gift-card' | 'store-credit';
  currency: string;
  status: 'active' | 'blocked';
  issued_at: number;
  issued_store_id: string;
  balance_cents: number;
  server_seq: number;
}

/** One change of a gift card's balance (migration 0011); deterministic ids, balance = Σ amount_cents. */
export interface GiftCardLedgerTable {
  entry_id: string;
  code: string;
  amount_cents: number;
  reason: 'issued' | 'loaded' | 'spent' | 'refunded';
  event_id: string;
  terminal_id: string;
  store_id: string;
  server_seq: number;
  at: number;
}

/** Server-held secrets by name and generation (migration 0006); `secret` is base64url. */
export interface ServerSecretsTable {
  name: string;
  generation: number;
  key_id: string;
  secret: string;
  created_at: number;
}

/** Back-office users, their stores, sessions and sign-in attempts (migration 0017). */
export interface BackofficeUsersTable {
  user_id: string;
  login: string;
  name: string;
  role: string;
  password_hash: string;
  created_at: number;
  disabled_at: number | null;
}

export interface BackofficeUserStoresTable {
  user_id: string;
  store_id: string;
}

export interface BackofficeSessionsTable {
  token_hash: string;
  user_id: string;
  csrf_secret: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
}

export interface BackofficeSigninsTable {
  id: string;
  at: number;
  login: string;
  address: string;
  ok: number;
  reason: string;
}

export interface Database {
  server_secrets: ServerSecretsTable;
  members: MembersTable;
  member_cards: MemberCardsTable;
  member_seen: MemberSeenTable;
  tier_changes: TierChangesTable;
  programs: ProgramsTable;
  rewards: RewardsTable;
  ledger_entries: LedgerEntriesTable;
  card_ranges: CardRangesTable;
  referrals: ReferralsTable;
  gift_cards: GiftCardsTable;
  gift_card_ledger: GiftCardLedgerTable;
  coupon_uses: CouponUsesTable;
  overdraft_episodes: OverdraftEpisodesTable;
  returns: ReturnsTable;
  stores: StoresTable;
  store_managers: StoreManagersTable;
  code_ranges: CodeRangesTable;
  pairing_codes: PairingCodesTable;
  terminals: TerminalsTable;
  journal: JournalTable;
  sales: SalesTable;
  sale_lines: SaleLinesTable;
  sale_tenders: SaleTendersTable;
  exceptions: ExceptionsTable;
  exception_events: ExceptionEventsTable;
  adjustments: AdjustmentsTable;
  shifts: ShiftsTable;
  products: ProductsTable;
  counters: CountersTable;
  projection_cursors: ProjectionCursorsTable;
  parked_events: ParkedEventsTable;
  fold_failures: FoldFailuresTable;
  backoffice_users: BackofficeUsersTable;
  backoffice_user_stores: BackofficeUserStoresTable;
  backoffice_sessions: BackofficeSessionsTable;
  backoffice_signins: BackofficeSigninsTable;
}

export type JournalRow = Selectable<JournalTable>;
export type NewJournalRow = Insertable<JournalTable>;
