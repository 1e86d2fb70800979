import type { z } from 'zod';
import { syncPaths, terminalInfoSchema, type TerminalInfo } from '../../../core/sync/protocol';

export interface SyncEndpoint {
  serverUrl: string;
  token: string;
}

/** A failed call: `offline` when the server could not be reached, else the HTTP status. */
export class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | 'offline',
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

export function syncUrl(endpoint: SyncEndpoint, path: string): string {
  return new URL(path, endpoint.serverUrl).toString();
}

/**
 * The terminal token goes in the Authorization header of every sync call — never in a URL,
 * where proxies and logs would keep it.
 */
export function authorizedFetch(endpoint: SyncEndpoint): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${endpoint.token}`);
    return fetch(input, { ...init, headers });
  };
}

/** JSON call to the sync server; the answer is parsed with the shared protocol schema. */
export async function syncCall<T>(
  endpoint: SyncEndpoint,
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(endpoint)(syncUrl(endpoint, path), {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    throw new SyncHttpError(`Cannot reach the sync server: ${(e as Error).message}`, 'offline');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new SyncHttpError(
      body?.error?.message ?? `Sync server answered ${response.status}`,
      response.status,
    );
  }
  return schema.parse(await response.json());
}

export function fetchTerminalInfo(endpoint: SyncEndpoint): Promise<TerminalInfo> {
  return syncCall(endpoint, syncPaths.terminal, terminalInfoSchema);
}
