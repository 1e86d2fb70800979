import { memberAppSecret } from '../../../../core/loyalty/member-app-code';

/** Derivations kept (an HMAC each; a busy till sees far fewer members than this in a while). */
const MAX_CACHED = 1_000;

/**
 * `ScanContext.memberSecret` from the member-app keys the till holds: each member's secret under
 * every key held (current first), derived on demand — the key is the chain's, so any member id
 * can be checked, in this till's replica or not. Undefined while the till holds no key.
 */
export function memberSecretsOf(keys: {
  memberAppKeys(): readonly Uint8Array[];
}): (memberRef: string) => readonly Uint8Array[] | undefined {
  let held: readonly Uint8Array[] = [];
  const cache = new Map<string, readonly Uint8Array[]>();
  return (memberRef) => {
    const now = keys.memberAppKeys();
    if (now.length === 0) return undefined;
    if (now !== held) {
      held = now;
      cache.clear();
    }
    let secrets = cache.get(memberRef);
    if (!secrets) {
      secrets = now.map((k) => memberAppSecret(k, memberRef));
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(memberRef, secrets);
    }
    return secrets;
  };
}
