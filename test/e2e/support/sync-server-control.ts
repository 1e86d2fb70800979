import type { StoreSettings } from '../../../core/store/store-settings';
import { seedDemo } from '../../../sync-server/src/demo/seed-demo';
import { startTestSyncServer as startServer } from '../../support/sync-server';

export interface AdminSale {
  eventId: string;
  terminalId: string;
  seq: number;
  /** The member the sale was identified with (null for an anonymous or provisional sale). */
  memberId: string | null;
  totalCents: number;
  payments: { method: string; amountCents: number; tenderedCents?: number; changeCents?: number }[];
  lines: { code: string; quantity: number; weightGrams: number | null; amountCents: number }[];
}

/** A member as `GET /admin/members/<card|id>` shows it to a manager (the fields the tests read). */
export interface AdminMember {
  member: {
    memberId: string;
    fullName: string;
    displayName: string;
    cards: string[];
    optedIn: boolean;
    balance: number;
    pendingPoints: number;
    lifetimeEarned: number;
  };
  ledger: {
    entryId: string;
    terminalId: string;
    seq: number;
    account: string;
    amount: number;
    text: string;
  }[];
}

/**
 * The real sync server of test/support/sync-server.ts (SQLite in a temp folder, demo store
 * seeded), as the e2e tests drive it: stopped and started again on the same port and data — the
 * network going away and coming back — and read through its admin API.
 */
export interface SyncServerControl {
  readonly url: string;
  /** For the admin and integration API a test calls as HQ would (POST /events, POST /claims). */
  readonly adminToken: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  newPairingCode(): Promise<string>;
  sales(terminalId: string): Promise<AdminSale[]>;
  /** Seq gaps, chain breaks, tamper cases… the server raised for this terminal. */
  exceptions(terminalId: string): Promise<{ kind: string }[]>;
  /** A member by card or id, with the ledger; null while the server has no such member. */
  member(cardOrId: string): Promise<AdminMember | null>;
  /** Changes the demo store's settings as HQ would (admin `POST /admin/stores`, same storeId). */
  updateStore(change: Partial<Omit<StoreSettings, 'storeId'>>): Promise<void>;
  dispose(): Promise<void>;
}

export async function startTestSyncServer(): Promise<SyncServerControl> {
  const server = await startServer();
  const { url, adminToken } = server;
  let unusedCode: string | undefined = server.pairingCode;
  const admin = async (path: string): Promise<unknown> => {
    const res = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${adminToken}` } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
    return res.json();
  };
  return {
    url,
    adminToken,
    stop: () => server.stop(),
    start: () => server.restart(),
    async newPairingCode() {
      const code = unusedCode ?? (await seedDemo({ url, adminToken })).pairingCode;
      unusedCode = undefined;
      return code;
    },
    async sales(terminalId) {
      return (
        (await admin(`/admin/sales?terminalId=${encodeURIComponent(terminalId)}`)) as { sales: AdminSale[] }
      ).sales;
    },
    async exceptions(terminalId) {
      const path = `/admin/exceptions?terminalId=${encodeURIComponent(terminalId)}`;
      return ((await admin(path)) as { exceptions: { kind: string }[] }).exceptions;
    },
    async member(cardOrId) {
      const path = `/admin/members/${encodeURIComponent(cardOrId)}`;
      const res = await fetch(new URL(path, url), { headers: { authorization: `Bearer ${adminToken}` } });
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
      return (await res.json()) as AdminMember;
    },
    async updateStore(change) {
      const { stores } = (await admin('/admin/stores')) as { stores: StoreSettings[] };
      const store = stores.find((s) => s.storeId === server.storeId);
      if (!store) throw new Error(`no store ${server.storeId}`);
      const res = await fetch(new URL('/admin/stores', url), {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...store, ...change }),
      });
      if (!res.ok) throw new Error(`POST /admin/stores: HTTP ${res.status} ${await res.text()}`);
    },
    dispose: () => server.close(),
  };
}
