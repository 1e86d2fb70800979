/** Minimal typings for the benchmark's PouchDB baseline (only what the benchmarks call). */
declare module 'pouchdb' {
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    docs_read: number;
  }
  export interface Database {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
    close(): Promise<void>;
  }
  interface DatabaseConstructor {
    new (name: string, options?: object): Database;
    defaults(options: object): DatabaseConstructor;
    plugin(plugin: unknown): DatabaseConstructor;
    replicate(
      source: Database | string,
      target: Database | string,
      options?: { batch_size?: number; batches_limit?: number },
    ): Promise<ReplicationResult>;
  }
  const PouchDB: DatabaseConstructor;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  function expressPouchdb(pouch: unknown, options?: object): (...args: unknown[]) => void;
  export default expressPouchdb;
}
declare module 'express' {
  import type { Server } from 'node:http';
  interface App {
    use(path: string, handler: unknown): void;
    listen(port: number, host: string): Server;
  }
  function express(): App;
  export default express;
}
