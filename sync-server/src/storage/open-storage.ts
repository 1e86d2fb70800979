import { PostgresStorage } from './postgres/postgres-storage';
import { SqliteStorage } from './sqlite/sqlite-storage';
import type { Storage } from './storage';

export interface StorageConfig {
  /** SQLite file lives here (default when no databaseUrl). */
  dataDir: string;
  /** postgres://… selects the PostgreSQL adapter. */
  databaseUrl?: string;
  /** PostgreSQL schema (tests use one per file). */
  schema?: string;
}

export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.databaseUrl) {
    return PostgresStorage.open({
      url: config.databaseUrl,
      ...(config.schema !== undefined ? { schema: config.schema } : {}),
    });
  }
  return SqliteStorage.open(config.dataDir);
}
