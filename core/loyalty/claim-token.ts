import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { base64urlnopad, utf8 } from '@scure/base';
import { JOURNAL_BOUNDS as B } from '../journal/bounds';
import { err, ok, type Result } from '../result/result';

/**
 * The claim token on the receipt of a sale without a member: the shopper scans it in the app
 * later, and the server books the points of that sale on their account, once.
 *
 * Token = `KASSA-C1:` + base64url(body + MAC), no padding, where
 * - body: storeId, terminalId and the sale's event id, each as one length byte + UTF-8;
 * - MAC: HMAC-SHA256(claimKey, "KASSA-C1:" + body), the first 16 bytes (128 bits: not guessable);
 * - claimKey: HMAC-SHA256(sha256(terminal token), "kassa/claim-key/v1"). The server stores exactly
 *   sha256(token) for every terminal (it is how it looks a token up), and the till holds the token:
 *   both sides know the key without any new distribution, offline included, and a till can sign
 *   only its own sales (the server checks the MAC with the key of the terminal the token names).
 * About 130 characters for ULID-sized ids: a QR code of version 7–8 at level M.
 */
export const CLAIM_TOKEN_PREFIX = 'KASSA-C1:';
/** How long after the sale its receipt can be claimed: the receipt says so, the server enforces it. */
export const CLAIM_WINDOW_DAYS = 30;
const MAC_BYTES = 16;
/** An id of at most maxIdLength UTF-16 units is at most 3 bytes per unit in UTF-8. */
const MAX_ID_BYTES = 3 * B.maxIdLength;
/** Three ids, their length bytes and the MAC, in base64url, plus the prefix. */
export const MAX_CLAIM_TOKEN_LENGTH =
  CLAIM_TOKEN_PREFIX.length + Math.ceil(((3 * (1 + MAX_ID_BYTES) + MAC_BYTES) * 4) / 3);
const KEY_LABEL = utf8ToBytes('kassa/claim-key/v1');

export interface ClaimRef {
  storeId: string;
  terminalId: string;
  /** The sale's journal event id (unique within its terminal). */
  saleId: string;
}

/** A token read for its structure, before its MAC is checked (the MAC needs the named terminal's key). */
export interface ParsedClaimToken extends ClaimRef {
  readonly signed: Uint8Array;
  readonly mac: Uint8Array;
}

export type ClaimTokenReason = 'claim-token-malformed' | 'claim-token-forged';

/** The claim key from the terminal token itself (the till). */
export function claimKeyFromTerminalToken(token: string): Uint8Array {
  return claimKeyFromTokenHash(bytesToHex(sha256(utf8ToBytes(token))));
}

/** The claim key from the token's SHA-256, hex, as the server stores it (the server). */
export function claimKeyFromTokenHash(tokenHashHex: string): Uint8Array {
  return hmac(sha256, hexToBytes(tokenHashHex), KEY_LABEL);
}

/** The token for a sale of this till, signed with this till's claim key: pure, offline. */
export function signClaimToken(ref: ClaimRef, key: Uint8Array): string {
  const body = concatBytes(...[ref.storeId, ref.terminalId, ref.saleId].map(field));
  const bytes = concatBytes(body, macOf(key, body));
  return CLAIM_TOKEN_PREFIX + base64urlnopad.encode(bytes);
}

/**
 * Reads a token's structure: prefix, base64url, three ids within the journal's id bound, the MAC.
 * Bounded: a text longer than any token this format can make is refused before it is decoded.
 */
export function parseClaimToken(text: string): Result<ParsedClaimToken, 'claim-token-malformed'> {
  const bad = (why: string) =>
    err('claim-token-malformed' as const, `This is not a Kassa claim code: ${why}.`);
  const t = text.trim();
  if (t.length > MAX_CLAIM_TOKEN_LENGTH) return bad(`it is longer than ${MAX_CLAIM_TOKEN_LENGTH} characters`);
  if (!t.startsWith(CLAIM_TOKEN_PREFIX)) return bad(`it does not start with ${CLAIM_TOKEN_PREFIX}`);
  const encoded = t.slice(CLAIM_TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return bad('it has characters a claim code never has');
  let bytes: Uint8Array;
  try {
    bytes = base64urlnopad.decode(encoded);
  } catch {
    return bad('its code part is cut off or mistyped');
  }
  const ids: string[] = [];
  let at = 0;
  for (let k = 0; k < 3; k++) {
    const n = bytes[at];
    if (n === undefined || n < 1 || n > MAX_ID_BYTES || at + 1 + n > bytes.length - MAC_BYTES) {
      return bad('its content is cut off');
    }
    const raw = bytes.subarray(at + 1, at + 1 + n);
    const s = utf8.encode(raw);
    if (!sameBytes(utf8.decode(s), raw)) return bad('an id in it is not text');
    if (s.length > B.maxIdLength) return bad(`an id in it is longer than ${B.maxIdLength} characters`);
    ids.push(s);
    at += 1 + n;
  }
  if (bytes.length - at !== MAC_BYTES) return bad('it has the wrong length');
  const [storeId, terminalId, saleId] = ids as [string, string, string];
  return ok({ storeId, terminalId, saleId, signed: bytes.subarray(0, at), mac: bytes.subarray(at) });
}

/** Whether the parsed token was signed with this key (constant time in the MAC). */
export function verifyClaimToken(
  token: ParsedClaimToken,
  key: Uint8Array,
): Result<ClaimRef, 'claim-token-forged'> {
  const expected = macOf(key, token.signed);
  let diff = 0;
  for (let i = 0; i < MAC_BYTES; i++) diff |= (expected[i] as number) ^ (token.mac[i] as number);
  if (diff !== 0) {
    return err(
      'claim-token-forged',
      `This claim code was not issued by terminal ${token.terminalId}: its signature does not match.`,
    );
  }
  return ok({ storeId: token.storeId, terminalId: token.terminalId, saleId: token.saleId });
}

function field(s: string): Uint8Array {
  const b = utf8ToBytes(s);
  // A bug at the caller: every journal id is within this bound (core/journal/bounds.ts).
  if (s.length < 1 || s.length > B.maxIdLength) throw new Error(`claim token id out of bounds: ${s}`);
  return concatBytes(Uint8Array.of(b.length), b);
}

function macOf(key: Uint8Array, body: Uint8Array): Uint8Array {
  return hmac(sha256, key, concatBytes(utf8ToBytes(CLAIM_TOKEN_PREFIX), body)).subarray(0, MAC_BYTES);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
