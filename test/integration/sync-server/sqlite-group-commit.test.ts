import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database as Schema } from '../../../sync-server/src/storage/schema';
import {
  GroupCommit,
  CROWDED_FOR_MS,
  LINGER_MS,
  MAX_GROUP,
} from '../../../sync-server/src/storage/sqlite/group-commit';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import type { FeedChange } from '../../../sync-server/src/storage/storage';
import { amsterdamStore } from './support/seed';

/**
 * The SQLite server commits the transactions that queued behind a running one together, one fsync
 * for all (sqlite-storage.ts, group-commit.ts). Each caller must still get what a transaction of
 * its own gives: its failure rolls back only itself, and its answer comes after its data is on
 * disk, where a second connection (another process, after a crash) can read it.
 */

const dirs: string[] = [];
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A WAL database file with a `notes` table, its GroupCommit, a second connection and the COMMITs counted. */
function notesDb(later?: (start: () => void, ms: number) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-group-'));
  dirs.push(dir);
  const file = join(dir, 'g.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TABLE parents (id TEXT PRIMARY KEY);
    CREATE TABLE notes (id TEXT PRIMARY KEY,
      parent TEXT REFERENCES parents(id) DEFERRABLE INITIALLY DEFERRED)`);
  let commits = 0;
  const counting = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare')
        return (text: string) => {
          if (/^commit/i.test(text)) commits++;
          return target.prepare(text);
        };
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  const kysely = new Kysely<Schema>({ dialect: new SqliteDialect({ database: counting }) });
  const other = new Database(file, { readonly: true });
  closers.push(async () => {
    other.close();
    await kysely.destroy();
  });
  const announced: string[] = [];
  const group = new GroupCommit<string[]>(kysely, async (ids) => void announced.push(...ids), later);
  const note =
    (id: string, parent: string | null = null) =>
    (trx: Kysely<Schema>, ids: string[]) => {
      ids.push(id);
      return sql`INSERT INTO notes (id, parent) VALUES (${id}, ${parent})`.execute(trx).then(() => id);
    };
  const onDisk = () =>
    (other.prepare('SELECT id FROM notes ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  return { group, note, onDisk, announced, commits: () => commits };
}

/**
 * A transaction already running and holding the connection until released, so the ones asked for
 * meanwhile queue behind it (as pushes do while a push's statements run).
 */
async function holding(group: GroupCommit<string[]>) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  let started = false;
  const running = group.run(async () => {
    started = true;
    await held;
  }, []);
  while (!started) await new Promise((r) => setImmediate(r));
  return { release, running };
}

describe('SQLite group commit', () => {
  it('commits transactions that queued behind a running one with one COMMIT, each answered once on disk', async () => {
    const { group, note, onDisk, announced, commits } = notesDb();
    const first = await holding(group);
    const queued = ['a', 'b', 'c', 'd'].map((id) =>
      group.run(async (trx, ids) => {
        await note(id)(trx, ids);
        return onDisk();
      }, []),
    );
    first.release();
    await first.running;
    const seenInside = await Promise.all(queued);
    // Each one's work ran before the group committed: nothing of the group was on disk yet.
    expect(seenInside).toEqual([[], [], [], []]);
    expect(onDisk()).toEqual(['a', 'b', 'c', 'd']);
    expect(announced).toEqual(['a', 'b', 'c', 'd']);
    expect(commits()).toBe(2);
  });

  it('commits the transactions asked for in one turn of the event loop together', async () => {
    const { group, note, onDisk, commits } = notesDb();
    // Pushes read from their sockets in one turn each ask for a transaction before any has run.
    await Promise.all(['a', 'b', 'c'].map((id) => group.run(note(id), [])));
    expect(onDisk()).toEqual(['a', 'b', 'c']);
    expect(commits()).toBe(1);
  });

  it('rolls back only the transaction that failed; the ones beside it are stored and answered', async () => {
    const { group, note, onDisk, announced } = notesDb();
    const first = await holding(group);
    const a = group.run(note('a'), []);
    const b = group.run(async (trx, ids) => {
      await note('b')(trx, ids);
      throw new Error('refused halfway');
    }, []);
    const c = group.run(
      // Sees a's write, as it would after a's own commit.
      async (trx, ids) => {
        const rows = await sql<{ id: string }>`SELECT id FROM notes`.execute(trx);
        await note(`c-after-${rows.rows.map((r) => r.id).join('')}`)(trx, ids);
      },
      [],
    );
    first.release();
    await first.running;
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('refused halfway');
    await expect(c).resolves.toBeUndefined();
    expect(onDisk()).toEqual(['a', 'c-after-a']);
    expect(announced).toEqual(['a', 'c-after-a']);
  });

  it('rejects every transaction of a group whose COMMIT fails, with nothing stored or announced', async () => {
    const { group, note, onDisk, announced } = notesDb();
    const first = await holding(group);
    const good = group.run(note('good'), []);
    // A deferred foreign key is checked at COMMIT: this one makes the whole group's COMMIT fail.
    const orphan = group.run(note('orphan', 'no-such-parent'), []);
    first.release();
    await first.running;
    await expect(good).rejects.toThrow(/FOREIGN KEY/);
    await expect(orphan).rejects.toThrow(/FOREIGN KEY/);
    expect(onDisk()).toEqual([]);
    expect(announced).toEqual([]);
    // The connection is usable again afterwards.
    await expect(group.run(note('later'), [])).resolves.toBe('later');
    expect(onDisk()).toEqual(['later']);
  });

  it(`serves at most ${MAX_GROUP} transactions with one COMMIT, and runs the rest after`, async () => {
    const { group, note, onDisk, commits } = notesDb();
    const first = await holding(group);
    const ids = Array.from({ length: MAX_GROUP + 5 }, (_, i) => `n${String(i).padStart(3, '0')}`);
    const queued = ids.map((id) => group.run(note(id), []));
    first.release();
    await first.running;
    await Promise.all(queued);
    expect(onDisk()).toEqual(ids);
    expect(commits()).toBe(3);
  });
});

/** Lets the real event loop run a few turns (setImmediate is not faked below). */
const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

describe('SQLite group commit under load', () => {
  afterEach(() => vi.useRealTimers());

  /** The group's timer, fired by hand; Date is faked so the test decides how far apart pushes come. */
  function lingering() {
    vi.useFakeTimers({ toFake: ['Date'] });
    const waiting: { start: () => void; ms: number }[] = [];
    return { later: (start: () => void, ms: number) => void waiting.push({ start, ms }), waiting };
  }

  it('answers a lone transaction on an idle server without waiting for others', async () => {
    const { later, waiting } = lingering();
    const { group, note, onDisk } = notesDb(later);
    await group.run(note('a'), []);
    expect(waiting).toEqual([]);
    expect(onDisk()).toEqual(['a']);
  });

  it('answers one caller sending transaction after transaction at once, as a till sending its queue', async () => {
    const { later, waiting } = lingering();
    const { group, note, onDisk } = notesDb(later);
    for (const id of ['a', 'b', 'c']) {
      await group.run(note(id), []);
      await turns();
      vi.advanceTimersByTime(1);
    }
    expect(waiting).toEqual([]);
    expect(onDisk()).toEqual(['a', 'b', 'c']);
  });

  /** Two callers overlapping: b is asked for while a's group runs. */
  async function crowded(group: GroupCommit<string[]>, note: ReturnType<typeof notesDb>['note']) {
    const first = await holding(group);
    const b = group.run(note('b'), []);
    first.release();
    await first.running;
    await b;
    await turns(); // the next push is read from its socket in a later turn
  }

  it(`waits ${LINGER_MS} ms while callers overlap, so the next ones share one COMMIT`, async () => {
    const { later, waiting } = lingering();
    const { group, note, onDisk, commits } = notesDb(later);
    await crowded(group, note);
    vi.advanceTimersByTime(1);
    let cAnswered = false;
    const c = group.run(note('c'), []).then(() => (cAnswered = true));
    await turns();
    expect(cAnswered).toBe(false);
    expect(onDisk()).toEqual(['b']);
    expect(waiting.map((w) => w.ms)).toEqual([LINGER_MS]);
    vi.advanceTimersByTime(LINGER_MS - 1);
    const d = group.run(note('d'), []);
    waiting[0]?.start();
    await Promise.all([c, d]);
    expect(onDisk()).toEqual(['b', 'c', 'd']);
    expect(commits()).toBe(3);
  });

  it('stops waiting once callers stop overlapping', async () => {
    const { later, waiting } = lingering();
    const { group, note, onDisk, commits } = notesDb(later);
    await crowded(group, note);
    vi.advanceTimersByTime(CROWDED_FOR_MS);
    await group.run(note('c'), []);
    expect(waiting).toEqual([]);
    expect(onDisk()).toEqual(['b', 'c']);
    expect(commits()).toBe(3);
  });
});

describe('SQLite storage transactions', () => {
  it('announce a feed change only for the transactions that committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-group-storage-'));
    dirs.push(dir);
    const storage = await SqliteStorage.open(dir);
    closers.push(() => storage.close());
    const changes: FeedChange[] = [];
    storage.onFeedChanged((c) => changes.push(c));
    const stores = ['s1', 's2', 's3'].map((id) => amsterdamStore(id, `Winkel ${id}`));
    const results = await Promise.allSettled(
      stores.map((s) =>
        storage.transaction(async (tx) => {
          await tx.stores.upsert(s, 1);
          if (s.storeId === 's2') throw new Error('s2 refused');
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await storage.stores.list()).map((s) => s.storeId)).toEqual(['s1', 's3']);
    expect(changes.map((c) => c.storeId).sort()).toEqual(['s1', 's3']);
  });
});
