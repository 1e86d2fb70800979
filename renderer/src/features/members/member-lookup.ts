import { memberDocSchema, type MemberDoc } from '../../../../core/loyalty/member-doc';
import { memberLookupPath } from '../../../../core/sync/protocol';
import { SyncHttpError, syncCall, type SyncEndpoint } from '../../sync/sync-api';

/** What the server said of a card the replica does not know. */
export type MemberLookup =
  | { kind: 'found'; doc: MemberDoc }
  /** The server answered 404 `member-unknown`: no member has this card. */
  | { kind: 'unknown' }
  /** No answer in time (offline, timeout, a server error): the till goes on without one. */
  | { kind: 'unreachable' };

/** A cashier waits this long for the look-up before the card earns as a provisional member. */
export const LOOKUP_TIMEOUT_MS = 1_500;

/**
 * One request: `GET /sync/v1/members/lookup?card=` (core/sync/protocol.ts). The server marks the
 * member "seen at this store", so the feed brings them into the replica soon after.
 */
export async function lookupMemberOnline(
  endpoint: SyncEndpoint,
  card: string,
  options: { transport?: typeof fetch; timeoutMs?: number; by?: 'card' | 'id' } = {},
): Promise<MemberLookup> {
  // `by: 'id'`: the member id a verified member-app code named (?id=), the same answer.
  const query: Record<string, string> = options.by === 'id' ? { id: card } : { card };
  const path = `${memberLookupPath}?${new URLSearchParams(query).toString()}`;
  try {
    const doc = await syncCall(
      endpoint,
      path,
      memberDocSchema,
      { signal: AbortSignal.timeout(options.timeoutMs ?? LOOKUP_TIMEOUT_MS) },
      ...(options.transport ? [options.transport] : []),
    );
    return { kind: 'found', doc };
  } catch (e) {
    if (e instanceof SyncHttpError && e.status === 404 && errorType(e.body) === 'member-unknown') {
      return { kind: 'unknown' };
    }
    return { kind: 'unreachable' };
  }
}

const errorType = (body: unknown): unknown =>
  (body as { error?: { type?: unknown } } | undefined)?.error?.type;
