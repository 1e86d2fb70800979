import express from 'express';
import expressPouchdb from 'express-pouchdb';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB, { type Database } from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';

/**
 * The classic offline-first POS sync, for benchmarks: PouchDB on the terminal (memory adapter, as
 * our RxDB replica uses memory storage) replicating with express-pouchdb (PouchDB on LevelDB on
 * disk, as our server uses SQLite on disk), over HTTP on 127.0.0.1.
 */
export interface PouchServer {
  url: string;
  /** A server-side database, to load documents without timing it. */
  db(name: string): Database;
  close(): Promise<void>;
}

export async function startPouchServer(): Promise<PouchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-pouch-'));
  const ServerPouch = PouchDB.defaults({ prefix: `${dir}/` });
  const app = express();
  app.use('/', expressPouchdb(ServerPouch, { mode: 'minimumForPouchDB', logPath: join(dir, 'log.txt') }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db: (name) => new ServerPouch(name),
    close: async () => {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const MemoryPouch = PouchDB.plugin(memoryAdapter);
let n = 0;
export function terminalPouch(): Database {
  return new MemoryPouch(`terminal-${++n}-${Date.now()}`, { adapter: 'memory' });
}

export { PouchDB };
