import type { JournalEvent } from '../../../core/journal/sale-event';
import { GENESIS_HASH } from '../../../core/journal/sale-event';
import { PENDING_HEADER, syncPaths, type PairResponse } from '../../../core/sync/protocol';
import { makeSale } from '../../integration/sync-server/support/sale-events';
import { pushRowsOf } from '../../integration/sync-server/support/spend-events';

/** The sync server as HQ reaches it: its address and the admin token. */
export interface ServerAccess {
  url: string;
  adminToken: string;
}

/**
 * Another terminal of any store, paired through the server's HTTP API as a till pairs (an admin
 * pairing code, then `POST /pair` with the terminal's name), without a browser.
 */
export async function pairTerminal(
  server: ServerAccess,
  storeId: string,
  name: string,
): Promise<PairResponse> {
  const codeRes = await fetch(
    new URL(`/admin/stores/${encodeURIComponent(storeId)}/pairing-codes`, server.url),
    {
      method: 'POST',
      headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
      body: '{}',
    },
  );
  if (!codeRes.ok) throw new Error(`pairing code: HTTP ${codeRes.status} ${await codeRes.text()}`);
  const { code } = (await codeRes.json()) as { code: string };
  const res = await fetch(new URL(syncPaths.pair, server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, terminalName: name }),
  });
  if (!res.ok) throw new Error(`pairing: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as PairResponse;
}

/**
 * The terminal's sales with seqs 1…last, one chain, of which only `pushed` reach the server in one
 * push, saying `pending` events wait on the terminal, the pushed ones included (the push's pending
 * header, as a till counts it). Returns the sales pushed.
 */
export async function pushSalesWithGaps(
  server: ServerAccess,
  terminal: PairResponse,
  o: { last: number; pushed: readonly number[]; pending: number },
): Promise<JournalEvent[]> {
  const chain: JournalEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= o.last; seq++) {
    const sale = makeSale({ terminalId: terminal.terminalId, storeId: terminal.storeId, seq, prevHash });
    chain.push(sale);
    prevHash = sale.hash;
  }
  const sent = chain.filter((e) => o.pushed.includes(e.seq));
  const res = await fetch(new URL(syncPaths.push('journal'), server.url), {
    method: 'POST',
    headers: {
      authorization: `Bearer ${terminal.token}`,
      'content-type': 'application/json',
      [PENDING_HEADER]: String(o.pending),
    },
    body: JSON.stringify(pushRowsOf(sent)),
  });
  if (!res.ok) throw new Error(`push: HTTP ${res.status} ${await res.text()}`);
  return sent;
}
