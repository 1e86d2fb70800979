import { InvalidArgumentError, Option, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openStorage } from '../storage/open-storage';
import type { Storage } from '../storage/storage';

/** Option values are checked as they are parsed: a bad one is a one-line message and exit 2. */
export function integerIn(min: number, max: number, what: string) {
  return (value: string): number => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** A file the server must read at start (a TLS certificate or key); unreadable = exit 2. */
export function readableFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    throw new InvalidArgumentError(`Cannot read ${resolve(path)} (${why}).`);
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The options every command shares; defined once on the program (commander's global options). */
export function addGlobalOptions(program: Command): Command {
  return program
    .addOption(
      new Option('--data-dir <dir>', 'SQLite file and admin token live here')
        .env('KASSA_DATA_DIR')
        .default('data'),
    )
    .addOption(
      new Option('--postgres <url>', 'use PostgreSQL (postgres://…) instead of SQLite').env(
        'KASSA_DATABASE_URL',
      ),
    );
}

export interface GlobalOptions {
  dataDir: string;
  postgres?: string;
}

export function globalsOf(command: Command): { dataDir: string; databaseUrl?: string } {
  const g = command.optsWithGlobals<GlobalOptions>();
  return { dataDir: resolve(g.dataDir), ...(g.postgres ? { databaseUrl: g.postgres } : {}) };
}

export async function withStorage<T>(command: Command, fn: (s: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(globalsOf(command));
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

export const out = (s: string): void => void process.stdout.write(`${s}\n`);

/** A runtime failure the operator can act on: its message on stderr, exit 1, no stack trace. */
export class CliFailure extends Error {}
