/**
 * The back office's HTTP contract (issue 10): what `/backoffice/api/*` answers, shared by the sync
 * server's routes and the back-office React app. The admin API (`/admin/*`, the admin token) answers
 * the same shapes. Amounts are integer cents or points; days are store-local `YYYY-MM-DD`; times are
 * epoch ms. Every answer is scoped: a store manager's session only ever sees their stores.
 */

export type Role = 'hq-admin' | 'store-manager';

export interface SessionView {
  user: { userId: string; login: string; name: string; role: Role };
  /** The stores this user may see and act on (every store for an HQ admin). */
  stores: { storeId: string; name: string; currency: string; timeZone: string; locale: string }[];
  /** Sent back as the `x-csrf-token` header on every POST/PUT/DELETE. */
  csrfToken: string;
}

// ---- Sync status (GET /backoffice/api/stores/:storeId/sync-status; GET /sync/v1/store-status) ----

export interface SeqGapView {
  from: number;
  to: number;
  /** When the server first saw the seq above the gap (how long it has been open). */
  openSince: number;
}

export interface TillSyncStatus {
  terminalId: string;
  name: string | null;
  /** Seen (pushed, pulled or streaming) within the online window. */
  online: boolean;
  lastSeenAt: number | null;
  /** Events waiting on the till, as it reported with its last push; null = never reported. */
  pendingOnTill: number | null;
  pendingReportedAt: number | null;
  lastSeq: number;
  contiguousSeq: number;
  gaps: SeqGapView[];
  /** Seqs a manager confirmed as lost (resolved seq gaps). */
  lost: { from: number; to: number }[];
  chain: 'ok' | 'broken';
  parked: number;
  refused: number;
  /** Server receive time minus the till's createdAt of its newest event, ms (positive = till behind). */
  clockSkewMs: number | null;
  /** Silent longer than the threshold: a manager should look. */
  silent: boolean;
}

export interface StoreSyncStatus {
  storeId: string;
  /** Today in the store's zone. */
  businessDay: string;
  /** Every sale of today that the tills made is at HQ: no gap, nothing waiting, no silent till. */
  allAtHq: boolean;
  /** What is missing and where, in English for the CLI (the UI builds its own text from `tills`). */
  missing: string[];
  tills: TillSyncStatus[];
  checkedAt: number;
}

// ---- Exceptions (GET /backoffice/api/exceptions?store=&terminal=&kind=&status=&day=; GET …/:id; POST …/:id/actions) ----

export type ExceptionStatus = 'open' | 'acknowledged' | 'resolved';

export interface ExceptionView {
  id: number;
  kind: string;
  status: ExceptionStatus;
  storeId: string;
  terminalId: string;
  eventId: string | null;
  seq: number | null;
  businessDay: string | null;
  memberId: string | null;
  /** What is at stake: points (an overdraft's shortfall) and money (a coupon's discount). */
  pointsAtStake: number;
  centsAtStake: number;
  message: string;
  detectedAt: number;
  resolvedAt: number | null;
  /** The resolution's code (`write-off`, `honour`, `mark-lost`, …; `cleared` when the system cleared it). */
  resolution: string | null;
}

export interface ResolutionOption {
  resolution: string;
  /** English, for the CLI; the UI translates `backoffice.resolution.<code>`. */
  label: string;
  /** What it will change, in English ("credits 300 points to member M-1; cost to store ams"). */
  effect: string;
  /** Asks "are you sure" first (marking seqs lost). */
  needsConfirm: boolean;
}

export interface InvolvedEvent {
  terminalId: string;
  eventId: string;
  seq: number;
  serverSeq: number;
  type: string;
  createdAt: number;
  /** The stored document, for the side-by-side view. */
  document: unknown;
}

export interface ExceptionDetail {
  exception: ExceptionView;
  events: InvolvedEvent[];
  options: ResolutionOption[];
  history: AuditEntry[];
}

export interface ExceptionActionRequest {
  action: 'acknowledge' | 'resolve';
  /** One of the detail's options; required to resolve. */
  resolution?: string;
  /** Why: required, 1–500 characters. */
  note: string;
  /** Required for an option with needsConfirm. */
  confirm?: boolean;
}

// ---- Audit trail (GET /backoffice/api/audit?store=&terminal=&member=&from=&to=) ----

export interface AuditEntry {
  at: number;
  kind: 'adjustment' | 'override';
  storeId: string;
  terminalId: string | null;
  memberId: string | null;
  actor: { id: string; name: string; role: string };
  /** acknowledge | resolve (adjustments) or the override's action (redeem-over-cap, …). */
  action: string;
  resolution: string | null;
  note: string;
  exceptionId: number | null;
  exceptionKind: string | null;
  /** Points the entry moved on the member's ledger and money it booked. */
  points: number;
  cents: number;
  eventId: string;
  serverSeq: number;
}

// ---- End of day (GET /backoffice/api/stores/:storeId/days/:day) ----

export interface ShiftTotals {
  sales: { count: number; totalCents: number };
  returns: { count: number; totalCents: number };
  tenders: { tender: string; cents: number }[];
  points: { issued: number; redeemed: number };
}

export interface ShiftDifference {
  /** `sales.count`, `tender.cash`, `points.issued`, … */
  field: string;
  till: number;
  server: number;
  /** The sales behind the difference (missing at the server, or counted differently). */
  eventIds: string[];
}

export interface ShiftReconciliation {
  shiftEventId: string;
  terminalId: string;
  cashier: { id: string; name: string };
  businessDay: string;
  openedAt: number;
  closedAt: number;
  firstSeq: number;
  lastSeq: number;
  countedCashCents: number;
  expectedCashCents: number;
  till: ShiftTotals;
  server: ShiftTotals;
  differences: ShiftDifference[];
  missingSeqs: { from: number; to: number }[];
  status: 'reconciled' | 'differences' | 'resolved';
  /** The `shift-difference` exception raised for its differences, if any. */
  exceptionId: number | null;
}

export interface BusinessDayStatus {
  storeId: string;
  day: string;
  /** Every till that sold that day closed a shift that reconciles or whose differences are resolved. */
  closed: boolean;
  tills: { terminalId: string; name: string | null; sold: number; shifts: ShiftReconciliation[] }[];
}

// ---- Reports (GET /backoffice/api/reports/:name?store=&from=&to=; store omitted = the user's stores) ----

export type ReportUnit = 'cents' | 'points' | 'count' | 'ratio' | 'text' | 'day';

export interface ReportResult {
  name: string;
  title: string;
  from: string;
  to: string;
  storeIds: string[] | 'all';
  columns: { key: string; label: string; unit: ReportUnit }[];
  rows: Record<string, string | number | null>[];
  totals: Record<string, string | number | null> | null;
  /** How a person would rather look at it; absent for a table only. */
  chart: { kind: 'bar' | 'line' | 'pie'; x: string; series: string[] } | null;
  /** Sales in the range under an open exception: counted in the figures and shown apart, never silently. */
  underException: { sales: number; cents: number };
  /** Currency of the cents columns; null when stores of several currencies are mixed (then per store rows). */
  currency: string | null;
}

export const REPORT_NAMES = [
  'sales',
  'tenders',
  'points',
  'liability',
  'members',
  'tiers',
  'tier-movements',
  'program-cost',
  'offline-share',
  'exceptions',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
