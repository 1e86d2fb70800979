import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../../sync-server/src/http/build-app';
import type { AppContext } from '../../../../sync-server/src/http/context';
import { createLogger } from '../../../../sync-server/src/logger';
import type { Storage } from '../../../../sync-server/src/storage/storage';

/**
 * The server's app on a test's storage, for `app.inject` (or `listen`): silent, on the test's
 * clock, heartbeats too rare to interleave with a test's reads.
 */
export function quietApp(
  storage: Storage,
  adminToken: string,
  clock: () => number,
  more: Partial<Pick<AppContext, 'membersSeenDays' | 'fold'>> = {},
): Promise<FastifyInstance> {
  return buildApp({
    storage,
    adminToken,
    clock,
    logger: createLogger('silent'),
    heartbeatMs: 60_000,
    ...more,
  });
}
