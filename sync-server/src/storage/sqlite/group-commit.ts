import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../schema';

/** One caller's unit of work inside a group's transaction. */
type Work<C> = (trx: Transaction<Database>, collect: C) => Promise<unknown>;

interface Job<C> {
  work: Work<C>;
  collect: C;
  resolve: (result: unknown) => void;
  reject: (e: unknown) => void;
}

/** Most callers one commit serves: the connection is theirs until it, and reads wait behind it. */
export const MAX_GROUP = 32;

/**
 * How long the first transaction of a group waits for others when more are coming: when, less
 * than CROWDED_FOR_MS before, one was asked for while a group was waiting or running (an idle
 * server, and a single caller sending one after another, do not wait). Grouping
 * alone pays off only once pushes already queue: at 500 tills (250 one-sale pushes/s) most groups
 * held one push, the server's thread was busy 89% of the time and acknowledgements waited up to
 * 1.7–3.8 s (p99). Waiting a few ms puts 3–5 pushes in a group. Fleet benchmark, 500 tills, p99:
 * waiting always 2 ms → 109 ms (busy 73%), 4 ms → 46 ms (75%), 8 ms → 46 ms (62%), in one quiet
 * hour of this shared machine; in slower hours the same code measured 72–2,700 ms, so the figure
 * is this machine's as much as ours. 5 ms keeps a push's wait short for about the same grouping.
 * PostgreSQL's commit_delay is the same idea.
 */
export const LINGER_MS = 5;
/**
 * How long one overlap keeps the server waiting: at 250 pushes/s a push overlapped another in
 * about every second group; a memory of 10 ms made one group in five wait, 50 ms one in two.
 */
export const CROWDED_FOR_MS = 200;

/**
 * The wall clock's timer, taken when this module loads: the fleet simulation replaces the global
 * setTimeout with its virtual clock and fires no timer while a request is in flight, so a group
 * waiting on that clock would never commit.
 */
const wallClockTimer = globalThis.setTimeout;

/**
 * Group commit for SQLite's one connection: the transactions asked for in one turn of the event
 * loop commit together, each inside a savepoint of one database transaction, so a burst of pushes
 * costs one WAL fsync instead of one each. better-sqlite3 is synchronous, so a transaction runs to
 * its COMMIT without giving the event loop a turn: the pushes whose requests arrived meanwhile are
 * read in the next turn, and a group starts once that turn's callbacks have run (setImmediate),
 * so all of them are in it (and, when others are coming, LINGER_MS later). The fleet benchmark measured the COMMIT at 3.7 ms of a push's time on
 * the server's one thread (WAL, synchronous=FULL), most of it the fsync.
 * Each caller sees exactly what a transaction of its own would give it:
 * - its work runs after the ones queued before it and sees their writes (they run one at a time);
 * - if its work throws, only its savepoint is rolled back and only it is rejected;
 * - it is resolved only after the group's COMMIT, and rejected if that COMMIT fails, so nothing is
 *   answered or announced that a crash could still take back.
 */
export class GroupCommit<C> {
  private readonly queue: Job<C>[] = [];
  private draining = false;
  /** When a transaction was last asked for while another group was waiting or running. */
  private lastCrowdedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly kysely: Kysely<Database>,
    /** Runs after the group committed, for each caller whose work succeeded, before it is resolved. */
    private readonly committed: (collect: C) => Promise<void>,
    /** Runs a lingering group later (tests pass their own to decide when). */
    private readonly later: (start: () => void, ms: number) => unknown = wallClockTimer,
  ) {}

  run<T>(work: (trx: Transaction<Database>, collect: C) => Promise<T>, collect: C): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, collect, resolve: resolve as (r: unknown) => void, reject });
      // Date.now, not performance.now: the simulation's virtual clock owns it, so a seed replays exactly.
      const now = Date.now();
      if (this.draining) {
        this.lastCrowdedAt = now;
        return;
      }
      this.draining = true;
      // An idle server, or one till sending its queue push after push, answers at once: waiting
      // pays only where several callers overlap.
      if (now - this.lastCrowdedAt < CROWDED_FOR_MS) this.later(() => void this.drain(), LINGER_MS);
      else setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.commitGroup(this.queue.splice(0, MAX_GROUP));
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(group: Job<C>[]): Promise<void> {
    const done: { job: Job<C>; result: unknown }[] = [];
    let started = 0;
    try {
      await this.kysely.transaction().execute(async (trx) => {
        if (group.length === 1) {
          const job = group[0] as Job<C>;
          started = 1;
          done.push({ job, result: await job.work(trx, job.collect) });
          return;
        }
        for (const job of group) {
          started++;
          await sql`SAVEPOINT kassa_group`.execute(trx);
          let result: unknown;
          try {
            result = await job.work(trx, job.collect);
          } catch (e) {
            // If this rollback fails too (a disk or I/O error), the whole group ends below.
            await sql`ROLLBACK TO SAVEPOINT kassa_group`.execute(trx);
            await sql`RELEASE SAVEPOINT kassa_group`.execute(trx);
            job.reject(e);
            continue;
          }
          await sql`RELEASE SAVEPOINT kassa_group`.execute(trx);
          done.push({ job, result });
        }
      });
    } catch (e) {
      // Rolled back: everything that ran is lost with it (a caller rejected already keeps its own
      // error); what had not started runs in the next group.
      for (const job of group.slice(0, started)) job.reject(e);
      this.queue.unshift(...group.slice(started));
      return;
    }
    for (const { job, result } of done) {
      try {
        await this.committed(job.collect);
        job.resolve(result);
      } catch (e) {
        job.reject(e);
      }
    }
  }
}
