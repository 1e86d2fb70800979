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
    /** The parsed JSON body of a refusal, when there was one (e.g. a 422 `event-refused`). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

export function syncUrl(endpoint: SyncEndpoint, path: string): string {
  return new URL(path, endpoint.serverUrl).toString();
}

/** The global fetch, looked up at call time. Tests inject another to lose answers or count calls. */
const globalFetch: typeof fetch = (input, init) => fetch(input, init);

/**
 * The terminal token goes in the Authorization header of every sync call — never in a URL,
 * where proxies and logs would keep it.
 */
export function authorizedFetch(endpoint: SyncEndpoint, transport: typeof fetch = globalFetch): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${endpoint.token}`);
    return transport(input, { ...init, headers });
  };
}

/**
 * JSON call to the sync server; the answer is parsed with the shared protocol schema. A caller
 * that must answer quicker than the default 15 s passes its own `init.signal` (a timeout).
 */
export async function syncCall<T>(
  endpoint: SyncEndpoint,
  path: string,
  schema: z.ZodType<T>,
  init: RequestInit = {},
  transport: typeof fetch = globalFetch,
): Promise<T> {
  let response: Response;
  try {
    response = await authorizedFetch(endpoint, transport)(syncUrl(endpoint, path), {
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        // A caller's own headers (the push's pending count) travel too.
        ...(init.headers as Record<string, string> | undefined),
      },
      signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (e) {
    throw new SyncHttpError(`Cannot reach the sync server: ${(e as Error).message}`, 'offline');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new SyncHttpError(
      body?.error?.message ?? `Sync server answered ${response.status}`,
      response.status,
      body ?? undefined,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    // The connection broke while the body was read: the call's outcome is unknown, as when offline.
    throw new SyncHttpError(`The sync server's answer was cut off: ${(e as Error).message}`, 'offline');
  }
  return schema.parse(json);
}

export function fetchTerminalInfo(endpoint: SyncEndpoint): Promise<TerminalInfo> {
  return syncCall(endpoint, syncPaths.terminal, terminalInfoSchema);
}
