/**
 * The exceptions list's filter: what the manager picked (store, till, kind, status, day), kept as a
 * plain value so the query it sends is testable without a screen.
 */
export interface ExceptionsFilter {
  store: string;
  terminal: string;
  kind: string;
  status: '' | 'open' | 'acknowledged' | 'resolved';
  day: string;
}

export const EXCEPTION_KINDS = [
  'tamper',
  'chain-break',
  'seq-gap',
  'seq-reused',
  'fold-failed',
  'parked',
  'overdraft',
  'coupon-reused',
  'gift-card-overdrawn',
  'rule-drift',
  'program-version-unknown',
  'return-exceeds-sale',
  'override-used',
  'totals-mismatch',
  'spend-mismatch',
  'shift-difference',
  'stale-redemption',
  'pin-failure',
  'pin-lockout',
] as const;

/** Open exceptions of the selected store first: what a manager came for. */
export function initialFilter(store: string): ExceptionsFilter {
  return { store, terminal: '', kind: '', status: 'open', day: '' };
}

/** Changing the store clears the till (a till belongs to one store). */
export function updateFilter(f: ExceptionsFilter, change: Partial<ExceptionsFilter>): ExceptionsFilter {
  const next = { ...f, ...change };
  if (change.store !== undefined && change.store !== f.store) next.terminal = '';
  return next;
}

/** The query parameters of GET /exceptions (unset filters left out; '' store = all the user's stores). */
export function filterQuery(f: ExceptionsFilter): Record<string, string | undefined> {
  const q: Record<string, string | undefined> = {};
  if (f.store) q.store = f.store;
  if (f.terminal.trim()) q.terminal = f.terminal.trim();
  if (f.kind) q.kind = f.kind;
  if (f.status) q.status = f.status;
  if (f.day) q.day = f.day;
  return q;
}
