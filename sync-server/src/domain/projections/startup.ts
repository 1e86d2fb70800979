import type { Logger } from 'pino';
import type { Storage } from '../../storage/storage';
import { catchUpProjections, unparkEvents } from './catch-up';
import type { FoldConfig } from './projection';

/**
 * Before a server takes requests: projections this release added (or rebuilt by a migration)
 * catch up from the journal, then parked events it now understands are folded. A till's queue
 * that waited for this server drains through the normal push from here.
 */
export async function prepareProjections(
  storage: Storage,
  config: FoldConfig,
  now: number,
  log?: Logger,
): Promise<void> {
  const caughtUp = await catchUpProjections(storage, config, now);
  const unparked = await unparkEvents(storage, config, now);
  if (caughtUp > 0 || unparked > 0)
    log?.info({ module: 'projections', caughtUp, unparked }, 'projections caught up');
}
