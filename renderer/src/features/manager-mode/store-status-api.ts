import { z } from 'zod';
import type { StoreSyncStatus } from '../../../../core/backoffice/api';
import { syncPaths } from '../../../../core/sync/protocol';
import { syncCall, type SyncEndpoint } from '../../sync/sync-api';

const range = z.object({ from: z.number(), to: z.number() });

/** What GET /sync/v1/store-status answers (StoreSyncStatus of core/backoffice/api.ts), checked at the edge. */
export const storeSyncStatusSchema: z.ZodType<StoreSyncStatus> = z.object({
  storeId: z.string(),
  businessDay: z.string(),
  allAtHq: z.boolean(),
  missing: z.array(z.string()),
  checkedAt: z.number(),
  tills: z.array(
    z.object({
      terminalId: z.string(),
      name: z.string().nullable(),
      online: z.boolean(),
      lastSeenAt: z.number().nullable(),
      pendingOnTill: z.number().nullable(),
      pendingReportedAt: z.number().nullable(),
      lastSeq: z.number(),
      contiguousSeq: z.number(),
      gaps: z.array(range.extend({ openSince: z.number() })),
      lost: z.array(range),
      chain: z.enum(['ok', 'broken']),
      parked: z.number(),
      refused: z.number(),
      clockSkewMs: z.number().nullable(),
      silent: z.boolean(),
    }),
  ),
});

/** The till's own store's sync status as HQ sees it (manager mode); throws SyncHttpError when offline. */
export function fetchStoreStatus(endpoint: SyncEndpoint): Promise<StoreSyncStatus> {
  return syncCall(endpoint, syncPaths.storeStatus, storeSyncStatusSchema, {
    signal: AbortSignal.timeout(5_000),
  });
}
