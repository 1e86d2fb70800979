import type { Logger } from 'pino';
import type { FoldConfig } from '../domain/projections/projection';
import type { Storage } from '../storage/storage';

/** What routes need; built once per server. */
export interface AppContext {
  storage: Storage;
  adminToken: string;
  clock: () => number;
  logger: Logger;
  /** SSE heartbeat period. */
  heartbeatMs: number;
  /** A member seen at a store in this many days replicates to its tills (default MEMBERS_SEEN_DAYS: 90). */
  membersSeenDays?: number;
  /** The event types and projections this server folds with (tests pass their own). */
  fold?: FoldConfig;
}
