import type { TestSyncServer } from '../../../support/sync-server';
import type { PairResponse } from '../../../../core/sync/protocol';

/** Small fetch helpers so HTTP tests read like what a terminal or an admin does. */
export async function call(
  server: { url: string },
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(new URL(path, server.url), {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    ...(opts.rawBody !== undefined ? { body: opts.rawBody } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function newPairingCode(server: TestSyncServer): Promise<string> {
  const r = await call(server, 'POST', `/admin/stores/${server.storeId}/pairing-codes`, {
    token: server.adminToken,
    body: {},
  });
  return (r.body as { code: string }).code;
}

export async function pairNewTerminal(server: TestSyncServer): Promise<PairResponse> {
  const code = await newPairingCode(server);
  const r = await call(server, 'POST', '/pair', { body: { code, terminalName: 'Kassa test' } });
  if (r.status !== 200) throw new Error(`pairing failed: ${JSON.stringify(r.body)}`);
  return r.body as PairResponse;
}
