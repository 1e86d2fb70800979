import { syncPaths } from '../../../../core/sync/protocol';
import type { ServerProcess } from '../../sync-server/support/server-process';
import type { TransportWrapper } from './node-till';

const isPush = (input: unknown) => new URL(String(input)).pathname === syncPaths.push('journal');

/**
 * The till's transport with two outages of the server process, one after the other: first the
 * answer of a committed push is lost (the server dies after committing the second push), then the
 * server is killed while a push is in flight (it may or may not have been committed). Each restart
 * finishes before the next outage; `restarted()` waits for the last one.
 */
export function twoOutages(server: ServerProcess): {
  wrap: TransportWrapper;
  outages(): number;
  restarted(): Promise<void>;
} {
  let pushes = 0;
  let outages = 0;
  let serverUp = true;
  let restarting: Promise<void> = Promise.resolve();
  const killAndRestart = () => {
    serverUp = false;
    outages++;
    restarting = server
      .kill()
      .then(() => server.start())
      .then(() => {
        serverUp = true;
      });
  };
  const wrap: TransportWrapper = (inner) => async (input, init) => {
    if (!isPush(input)) return inner(input, init);
    pushes++;
    if (outages === 0 && pushes === 2) {
      const answer = await inner(input, init);
      await answer.text();
      killAndRestart();
      throw new TypeError('fetch failed: connection lost after the server committed');
    }
    if (outages === 1 && serverUp) {
      const inFlight = inner(input, init);
      killAndRestart();
      return inFlight;
    }
    return inner(input, init);
  };
  return { wrap, outages: () => outages, restarted: () => restarting };
}
