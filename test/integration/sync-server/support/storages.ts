import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Storage } from '../../../../sync-server/src/storage/storage';
import { PostgresStorage } from '../../../../sync-server/src/storage/postgres/postgres-storage';
import { SqliteStorage } from '../../../../sync-server/src/storage/sqlite/sqlite-storage';
import { freshSchema, startTestPostgres, type TestPostgres } from '../../../support/postgres';

/**
 * Both adapters behind one face, so a suite can run `describe.each(adapters)`. Each `open()` gives
 * a fresh, empty, migrated storage (SQLite: a new temp dir; PostgreSQL: a new schema).
 */
export interface AdapterUnderTest {
  name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  open(): Promise<Storage>;
  /** Opens again what the last open() created (to test restarts and migrations). */
  reopen(): Promise<Storage>;
  /** Runs raw SQL on the last opened storage (test-only backdoor). */
  raw(storage: Storage, sql: string): Promise<void>;
  teardown(): Promise<void>;
}

export function sqliteAdapter(): AdapterUnderTest {
  const dirs: string[] = [];
  return {
    name: 'sqlite',
    async setup() {},
    async open() {
      dirs.push(mkdtempSync(join(tmpdir(), 'kassa-contract-')));
      return SqliteStorage.open(dirs[dirs.length - 1] as string);
    },
    async reopen() {
      return SqliteStorage.open(dirs[dirs.length - 1] as string);
    },
    async raw(storage, sql) {
      (storage as SqliteStorage).sqlite.exec(sql);
    },
    async teardown() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresAdapter(): AdapterUnderTest {
  let pg: TestPostgres | undefined;
  let schema = '';
  return {
    name: 'postgres',
    async setup() {
      pg = await startTestPostgres();
    },
    async open() {
      schema = freshSchema('contract');
      return PostgresStorage.open({ url: (pg as TestPostgres).url, schema });
    },
    async reopen() {
      return PostgresStorage.open({ url: (pg as TestPostgres).url, schema });
    },
    async raw(storage, sql) {
      await (storage as PostgresStorage).pool.query(sql);
    },
    async teardown() {
      await pg?.stop();
    },
  };
}
