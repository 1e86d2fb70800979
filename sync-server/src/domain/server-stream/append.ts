import canonicalize from 'canonicalize';
import { understandEvent } from '../../../../core/journal/event-types';
import { eventHash } from '../../../../core/journal/hash-chain';
import { GENESIS_HASH } from '../../../../core/journal/sale-event';
import { SERVER_TERMINAL_ID, type ServerEvent } from '../../../../core/journal/server-events';
import type { StorageTx } from '../../storage/storage';
import { catchUpStream } from '../projections/catch-up';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import type { FoldConfig, FoldInput } from '../projections/projection';
import { foldInto } from '../projections/run-projection';
import { bumpServerStream } from './lock';

/** The server's own journal stream: terminalId `hq`, one cursor per projection like a till's. */
export const SERVER_STREAM = SERVER_TERMINAL_ID;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A server event before the stream gives it its place: seq, prevHash and hash come from the append. */
export type ServerEventDraft = DistributiveOmit<
  ServerEvent,
  'terminalId' | 'seq' | 'prevHash' | 'hash' | 'schemaVersion' | 'createdAt'
> & { createdAt?: number };

export interface AppendedServerEvent {
  event: ServerEvent;
  serverSeq: number;
}

/**
 * Appends events to the server's own stream, in the caller's transaction: each gets terminalId
 * `hq`, the next gap-free seq, prevHash = the stream's last hash (GENESIS_HASH at seq 1) and its
 * own hash (core eventHash, the same as a till's), is checked against its schema (a bug here is a
 * throw, never a stored event a refold cannot read), inserted into the journal and folded through
 * every projection behind the `hq` cursors — as a push folds a till's events. The counter row is
 * held until commit, so two appends never interleave and a rollback leaves no gap.
 */
export async function appendServerEvents(
  tx: StorageTx,
  drafts: readonly ServerEventDraft[],
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<{ appended: AppendedServerEvent[]; foldFailures: number }> {
  if (drafts.length === 0) return { appended: [], foldFailures: 0 };
  const head = (await bumpServerStream(tx, drafts.length)) - drafts.length;
  let prevHash = head === 0 ? GENESIS_HASH : await hashAt(tx, head);
  const sealed: ServerEvent[] = [];
  drafts.forEach((d, k) => {
    const unsigned = {
      ...d,
      terminalId: SERVER_TERMINAL_ID,
      seq: head + k + 1,
      prevHash,
      schemaVersion: 1,
      createdAt: d.createdAt ?? now,
    };
    const event = { ...unsigned, hash: eventHash(unsigned) } as ServerEvent;
    const u = understandEvent(event as unknown as Record<string, unknown>, config.registry);
    if (u.kind !== 'understood') {
      throw new Error(`server event ${event.id} is not valid (${u.message})`);
    }
    sealed.push(event);
    prevHash = event.hash;
  });
  const inserted = await tx.journal.insertMany(
    sealed.map((e) => {
      const { hash: _hash, ...covered } = e;
      return {
        id: e.id,
        type: e.type,
        schema_version: e.schemaVersion,
        terminal_id: e.terminalId,
        store_id: e.storeId,
        seq: e.seq,
        hash: e.hash,
        prev_hash: e.prevHash,
        body: canonicalize(covered) as string,
        received_at: now,
      };
    }),
  );
  const appended = sealed.map((event) => {
    const serverSeq = inserted.get(event.id);
    // The caller derives ids (from an idempotency key, from the rows): a taken one is its bug.
    if (serverSeq === undefined) throw new Error(`server event id ${event.id} is already in the journal`);
    return { event, serverSeq };
  });
  return { appended, foldFailures: await project(tx, config, appended, now) };
}

async function hashAt(tx: StorageTx, seq: number): Promise<string> {
  const [link] = await tx.journal.linksAt(SERVER_STREAM, [seq]);
  if (!link) throw new Error(`the server stream has no event at seq ${seq}`);
  return link.hash;
}

/** What a push does for a till's stream (push-journal.ts, step 4), for the `hq` stream. */
async function project(
  tx: StorageTx,
  config: FoldConfig,
  appended: readonly AppendedServerEvent[],
  now: number,
): Promise<number> {
  const inputs: FoldInput[] = appended.map(({ event, serverSeq }) => ({
    serverSeq,
    envelope: {
      id: event.id,
      terminalId: event.terminalId,
      storeId: event.storeId,
      seq: event.seq,
      prevHash: event.prevHash,
      hash: event.hash,
      type: event.type,
      schemaVersion: event.schemaVersion,
    },
    // FoldInput speaks of till events; the ledger projection reads server events by their type.
    event: event as unknown as FoldInput['event'],
  }));
  const first = (appended[0] as AppendedServerEvent).serverSeq;
  const last = (appended[appended.length - 1] as AppendedServerEvent).serverSeq;
  const [cursors, headBefore] = await Promise.all([
    tx.cursors.ofStream(SERVER_STREAM),
    tx.journal.streamHeadBefore(SERVER_STREAM, first),
  ]);
  let failures = 0;
  for (const p of config.projections) {
    const cursor = cursors.get(p.name) ?? 0;
    if (cursor < headBefore) {
      await catchUpStream(tx, config, p, SERVER_STREAM, cursor, now);
      continue;
    }
    failures += await foldInto(tx, p, inputs, now);
    await tx.cursors.set(p.name, SERVER_STREAM, last);
  }
  return failures;
}
