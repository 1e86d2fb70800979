import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { GENESIS_HASH, type JournalEvent, type UnsignedEvent } from './sale-event';

/**
 * The journal is a hash chain per terminal: each event's `hash` covers its own canonical JSON
 * (RFC 8785, so key order never matters), and `prevHash` names the previous event's hash.
 * An edit, a gap or a reordering is therefore evident to the server.
 *
 * Any object can be hashed — the server hashes a document exactly as received, unknown fields
 * included. Two keys are never part of the event: `hash` itself, and RxDB's `_deleted` flag.
 */
export function eventHash(event: object): string {
  const { hash: _hash, _deleted: _flag, ...body } = event as Record<string, unknown>;
  const json = canonicalize(body);
  if (json === undefined) throw new TypeError('event is not serialisable');
  return bytesToHex(sha256(utf8ToBytes(json)));
}

export function sealEvent<E extends JournalEvent>(event: UnsignedEvent<E>): E {
  return { ...event, hash: eventHash(event) } as E;
}

export type ChainBreak =
  | { reason: 'hash-mismatch'; message: string }
  | { reason: 'prev-hash-mismatch'; message: string };

/** What a chain check reads of an event; the whole object is hashed. */
export interface ChainLink {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/** Checks one event against its own content and, when known, the previous event's hash. */
export function checkChainLink(event: ChainLink, previousHash: string | undefined): ChainBreak | undefined {
  const actual = eventHash(event);
  if (actual !== event.hash) {
    return { reason: 'hash-mismatch', message: `event ${event.id} does not match its hash: it was edited` };
  }
  const expectedPrev = event.seq === 1 ? GENESIS_HASH : previousHash;
  if (expectedPrev !== undefined && expectedPrev !== event.prevHash) {
    return {
      reason: 'prev-hash-mismatch',
      message: `event ${event.id} (seq ${event.seq}) does not follow the terminal's previous event`,
    };
  }
  return undefined;
}
