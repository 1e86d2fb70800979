import type { PairResponse } from '../../../../core/sync/protocol';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { call } from '../../sync-server/support/http';

/** The admin API as the tests drive it: stores, catalogues, pairing, reports. */
export class Admin {
  constructor(private readonly server: { url: string; adminToken: string }) {}

  private async ok(method: string, path: string, body?: unknown): Promise<unknown> {
    const r = await call(this.server, method, path, {
      token: this.server.adminToken,
      ...(body !== undefined ? { body } : {}),
    });
    if (r.status !== 200) throw new Error(`${method} ${path}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  saveStore(store: StoreSettings): Promise<unknown> {
    return this.ok('POST', '/admin/stores', store);
  }

  putProducts(storeId: string, products: readonly Record<string, unknown>[]): Promise<unknown> {
    return this.ok('PUT', `/admin/stores/${encodeURIComponent(storeId)}/products`, products);
  }

  async pair(storeId: string, terminalName = 'Kassa test'): Promise<PairResponse> {
    const { code } = (await this.ok(
      'POST',
      `/admin/stores/${encodeURIComponent(storeId)}/pairing-codes`,
      {},
    )) as {
      code: string;
    };
    const r = await call(this.server, 'POST', '/pair', { body: { code, terminalName } });
    if (r.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(r.body)}`);
    return r.body as PairResponse;
  }

  async sales(
    terminalId: string,
  ): Promise<{ sales: { eventId: string; seq: number }[]; totals: { count: number } }> {
    return (await this.ok(
      'GET',
      `/admin/sales?terminalId=${encodeURIComponent(terminalId)}&limit=1000`,
    )) as never;
  }

  async exceptions(terminalId: string): Promise<{ kind: string }[]> {
    const body = (await this.ok('GET', `/admin/exceptions?terminalId=${encodeURIComponent(terminalId)}`)) as {
      exceptions: { kind: string }[];
    };
    return body.exceptions;
  }

  async terminal(terminalId: string): Promise<Record<string, unknown> | undefined> {
    const body = (await this.ok('GET', '/admin/terminals')) as { terminals: Record<string, unknown>[] };
    return body.terminals.find((t) => t.terminalId === terminalId);
  }
}
