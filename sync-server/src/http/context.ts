import type { Logger } from 'pino';
import type { Storage } from '../storage/port';

/** What routes need; built once per server. */
export interface AppContext {
  storage: Storage;
  adminToken: string;
  clock: () => number;
  logger: Logger;
  /** SSE heartbeat period. */
  heartbeatMs: number;
}
