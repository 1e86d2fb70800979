import { syncPaths } from '../../../../core/sync/protocol';
import type { TransportWrapper } from './node-till';

const isPush = (input: unknown) => new URL(String(input)).pathname === syncPaths.push('journal');

/**
 * Where a SIGKILL lands relative to a push's commit:
 * - before: the server is dead when the push leaves (nothing of it can be committed);
 * - in-flight: killed while the push is on its way (committed or not, the till cannot know);
 * - after-commit: the server answered (committed), then died; the till never sees the answer.
 */
export type KillPoint = 'before' | 'in-flight' | 'after-commit';

export interface Kill {
  point: KillPoint;
  /** The till's acknowledged seq at the instant of the kill. */
  ackSeqAtKill: number;
  /** What `committed()` read from the restarted server, before the plan let pushes through. */
  committedAfterRestart?: number;
}

export interface KillPlan {
  wrap: TransportWrapper;
  /** The kills done so far, each with the till's acknowledged seq at that instant. */
  readonly kills: readonly Kill[];
  /** Resolves once the restart after the last kill so far is done. */
  restarted(): Promise<void>;
}

/**
 * The till's transport with one server kill per entry of `points`, in order, on every `every`-th
 * push the live server sees; each restart finishes before the next kill is armed. `ackSeq` reads
 * the till's acknowledged seq at the moment of each kill, `committed` the server's stored
 * contiguous seq of the till once it is back (pushes that arrive meanwhile only add to it).
 */
export function killPlan(
  server: { kill(): Promise<void>; start(): Promise<void> },
  points: readonly KillPoint[],
  ackSeq: () => number,
  committed: () => Promise<number>,
  every = 2,
): KillPlan {
  const kills: Kill[] = [];
  let pushesSinceUp = 0;
  let up = true;
  let restarting: Promise<void> = Promise.resolve();
  const restart = () => {
    const kill = kills[kills.length - 1]!;
    restarting = server.start().then(async () => {
      kill.committedAfterRestart = await committed();
      up = true;
      pushesSinceUp = 0;
    });
  };
  const kill = async (point: KillPoint) => {
    up = false;
    kills.push({ point, ackSeqAtKill: ackSeq() });
    await server.kill();
  };
  const wrap: TransportWrapper = (inner) => async (input, init) => {
    if (!isPush(input)) return inner(input, init);
    // Until the restarted server's state is read, a push finds nobody listening.
    if (!up) throw new TypeError('fetch failed: connect ECONNREFUSED');
    const point = points[kills.length];
    if (point === undefined || ++pushesSinceUp < every) return inner(input, init);
    if (point === 'before') {
      await kill(point);
      restart();
      return inner(input, init); // refused: nobody listens
    }
    if (point === 'in-flight') {
      const answer = inner(input, init);
      void kill(point).then(restart);
      return answer;
    }
    const answer = await inner(input, init);
    await answer.text();
    await kill(point);
    restart();
    throw new TypeError('fetch failed: connection lost after the server committed');
  };
  return { wrap, kills, restarted: () => restarting };
}
