import canonicalize from 'canonicalize';
import type { StoreUpsert } from '../../../../sync-server/src/storage/repos/stores';
import type { StorageTx } from '../../../../sync-server/src/storage/storage';

/*
 * The rows most storage tests start from, written the way HQ sets them up: a store in Amsterdam,
 * a paired till, a published program.
 */

/** A store in Amsterdam (EUR, nl-NL, no variable-measure prefixes). */
export const amsterdamStore = (storeId = 's1', name = 'Winkel Amsterdam'): StoreUpsert => ({
  storeId,
  name,
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
});

/** A till's row as pairing writes it, holding the hash of its token. */
export const pairedTerminal = (t: { terminalId: string; storeId: string }, tokenHash: string) => ({
  terminalId: t.terminalId,
  storeId: t.storeId,
  name: null,
  tokenHash,
  pairedAt: 1,
});

/** Publishes a program under its own id and version, at `at`, as canonical JSON (as the CLI does). */
export function publishProgram(
  tx: StorageTx,
  body: { id: string; version: number },
  scopeStores: string[] | null = null,
  at = 1,
): Promise<unknown> {
  return tx.programs.publish(
    {
      programId: body.id,
      version: body.version,
      body: body as unknown as Record<string, unknown>,
      scopeStores,
    },
    at,
    (v) => canonicalize(v) as string,
  );
}

/** Program `earn` v1: 10 points per euro, rounded down (rule `base`). */
export const TEN_POINTS_PER_EURO = {
  id: 'earn',
  version: 1,
  name: 'Points per euro',
  kind: 'points',
  status: 'active',
  rules: [
    {
      id: 'base',
      name: '10 points per euro',
      then: [{ type: 'points-per-amount', points: 10, perCents: 100, rounding: 'down' }],
    },
  ],
};
