import { afterEach, describe, expect, it } from 'vitest';
import { closeMemoryTills, openMemoryTill } from './support/memory-till';
import { createSyncStatusStore, syncState } from '../../../../renderer/src/sync/sync-status';
import { saleChain } from '../../../integration/sync-server/support/sale-events';

/**
 * A till whose credential the operator revoked (issue 11, item 17): the server answers every push
 * and pull with 401 `terminal-revoked`. The till must say so in its sync indicator ('refused' with
 * the server's message), not look as if it were syncing or merely waiting.
 */
const REVOKED = {
  error: {
    type: 'terminal-revoked',
    message:
      "This terminal's credential was revoked on 2026-12-01T10:00:00.000Z: ask the head office for a pairing code and pair the terminal again.",
  },
};
const revokedServer = () => {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    calls.push(new URL(String(input)).pathname);
    return new Response(JSON.stringify(REVOKED), {
      status: 401,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
};

afterEach(closeMemoryTills);

describe('a till with a revoked credential', () => {
  it('shows the revocation message after a refused push, and counts nothing as acknowledged', async () => {
    const server = revokedServer();
    const { status } = await openMemoryTill(saleChain('T-1', 'S-1', 2), {
      endpoint: { serverUrl: 'http://kassa.test', token: 'cloned-token' },
      fetch: server.fetch,
      live: false,
      now: () => 1_000,
    });
    await expect.poll(() => status.get().problem).toBe(REVOKED.error.message);
    expect(syncState(status.get())).toBe('refused');
    expect(status.get().ackSeq).toBe(0);
    expect(server.calls.length).toBeGreaterThan(0);
    expect(server.calls.every((p) => p.endsWith('/journal/push'))).toBe(true);
  });
  it('an idle till whose stream is refused shows the revocation, not "offline"', async () => {
    const server = revokedServer();
    const status = createSyncStatusStore();
    const seen: ReturnType<typeof syncState>[] = [];
    status.subscribe(() => seen.push(syncState(status.get())));
    await openMemoryTill([], {
      status,
      endpoint: { serverUrl: 'http://kassa.test', token: 'cloned-token' },
      fetch: server.fetch,
      readModels: ['products'],
      push: false,
      now: () => 1_000,
    });
    await expect.poll(() => server.calls.filter((p) => p.endsWith('/terminal')).length).toBeGreaterThan(0);
    await expect.poll(() => status.get().problem).toBe(REVOKED.error.message);
    expect(seen).not.toContain('offline');
  });
});
