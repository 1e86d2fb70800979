/**
 * The back office's HTTP client: every call goes to /backoffice/api/* on the server that served the
 * page (same origin, its session cookie), POSTs carry the session's CSRF token, and a failure
 * arrives as an ApiError holding the server's message ({error:{type,message}}) to show as it is.
 */
import type {
  AuditEntry,
  BusinessDayStatus,
  ExceptionActionRequest,
  ExceptionDetail,
  ExceptionView,
  ReportResult,
  SessionView,
  StoreSyncStatus,
} from '../../../core/backoffice/api';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where the API lives, relative to the page (served at /backoffice or /backoffice/). */
export function apiBase(pathname: string): string {
  const i = pathname.indexOf('/backoffice');
  return (i >= 0 ? pathname.slice(0, i) : '') + '/backoffice/api';
}

/** A query string of the filters that are set (empty values are left out). */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface MemberLedgerRow {
  at?: number;
  createdAt?: number;
  kind?: string;
  type?: string;
  points?: number;
  amount?: number;
  text?: string;
  account?: string;
  note?: string | null;
  eventId?: string;
  [key: string]: unknown;
}

export interface MemberView {
  memberId: string;
  name?: string | null;
  cardNumber?: string | null;
  balance: number;
  ledger: MemberLedgerRow[];
  [key: string]: unknown;
}

type Fetch = typeof fetch;

export class BackofficeApi {
  csrfToken = '';

  constructor(
    private readonly base: string,
    private readonly fetchFn: Fetch = (...a) => fetch(...a),
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method === 'POST') {
      headers['x-csrf-token'] = this.csrfToken;
      headers['content-type'] = 'application/json';
    }
    const res = await this.fetchFn(this.base + path, {
      method,
      headers,
      credentials: 'same-origin',
      body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
    });
    const text = await res.text();
    const data: unknown = text ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = (data as { error?: { type?: string; message?: string } } | null)?.error;
      throw new ApiError(res.status, err?.type ?? 'http', err?.message ?? `HTTP ${res.status}`);
    }
    return data as T;
  }

  /** The signed-in session, or undefined when nobody is signed in (401). */
  async session(): Promise<SessionView | undefined> {
    try {
      const s = await this.call<SessionView>('GET', '/session');
      this.csrfToken = s.csrfToken;
      return s;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return undefined;
      throw e;
    }
  }

  async signIn(login: string, password: string): Promise<SessionView> {
    const s = await this.call<SessionView>('POST', '/sign-in', { login, password });
    if (s && typeof s === 'object' && 'csrfToken' in s && 'user' in s) {
      this.csrfToken = s.csrfToken;
      return s;
    }
    const again = await this.session();
    if (!again) throw new ApiError(401, 'unauthorized', 'Not signed in');
    return again;
  }

  async signOut(): Promise<void> {
    await this.call('POST', '/sign-out');
    this.csrfToken = '';
  }

  syncStatus(storeId: string): Promise<StoreSyncStatus> {
    return this.call('GET', `/stores/${encodeURIComponent(storeId)}/sync-status`);
  }

  async exceptions(filter: Record<string, string | undefined>): Promise<ExceptionView[]> {
    const r = await this.call<ExceptionView[] | { exceptions: ExceptionView[] }>(
      'GET',
      `/exceptions${query(filter)}`,
    );
    return Array.isArray(r) ? r : r.exceptions;
  }

  exception(id: number): Promise<ExceptionDetail> {
    return this.call('GET', `/exceptions/${id}`);
  }

  act(id: number, request: ExceptionActionRequest): Promise<unknown> {
    return this.call('POST', `/exceptions/${id}/actions`, request);
  }

  async audit(filter: Record<string, string | undefined>): Promise<AuditEntry[]> {
    const r = await this.call<AuditEntry[] | { entries: AuditEntry[] }>('GET', `/audit${query(filter)}`);
    return Array.isArray(r) ? r : r.entries;
  }

  businessDay(storeId: string, day: string): Promise<BusinessDayStatus> {
    return this.call('GET', `/stores/${encodeURIComponent(storeId)}/days/${encodeURIComponent(day)}`);
  }

  report(name: string, filter: Record<string, string | undefined>): Promise<ReportResult> {
    return this.call('GET', `/reports/${encodeURIComponent(name)}${query(filter)}`);
  }

  /** A member by card or id with the ledger; the admin shape `{member, ledger}` and a flat one both read. */
  async member(ref: string): Promise<MemberView> {
    const r = await this.call<Record<string, unknown>>('GET', `/members/${encodeURIComponent(ref)}`);
    return memberView(r);
  }
}

export function memberView(r: Record<string, unknown>): MemberView {
  const m = (r.member && typeof r.member === 'object' ? r.member : r) as Record<string, unknown>;
  const cards = Array.isArray(m.cards) ? (m.cards as string[]) : [];
  return {
    ...m,
    memberId: String(m.memberId ?? ''),
    name: (m.displayName ?? m.fullName ?? m.name ?? null) as string | null,
    cardNumber: (m.cardNumber ?? cards[0] ?? null) as string | null,
    balance: Number(m.balance ?? 0),
    ledger: (Array.isArray(r.ledger)
      ? r.ledger
      : Array.isArray(m.ledger)
        ? m.ledger
        : []) as MemberLedgerRow[],
  };
}
