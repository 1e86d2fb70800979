import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  terminalConfigSchema,
  type PairInput,
  type PairOutcome,
  type TerminalConfig,
} from '../../core/bridge/kassa-host';
import { pairResponseSchema, syncPaths } from '../../core/sync/protocol';

/** Where a terminal that has never been paired looks for its server: `npm run server`'s default. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

export const CONFIG_FILE_NAME = 'terminal-config.json';

export interface ConfigStore {
  readonly path: string;
  load(): Promise<TerminalConfig>;
  save(config: TerminalConfig): Promise<void>;
  /** Exchanges a one-time pairing code at the server for this terminal's token and saves it. */
  pair(input: PairInput): Promise<PairOutcome>;
}

export interface ConfigStoreOptions {
  /** The app's user-data folder (Electron: app.getPath('userData')). */
  dir: string;
  defaultServerUrl?: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  pairTimeoutMs?: number;
}

/**
 * The terminal's config as one JSON file in the user-data folder: the server URL and the pairing
 * result (terminal id, store, token). Shared by the Electron main process and the browser host.
 */
export function createConfigStore(options: ConfigStoreOptions): ConfigStore {
  const path = join(options.dir, CONFIG_FILE_NAME);
  const doFetch = options.fetch ?? fetch;
  const fallback: TerminalConfig = {
    serverUrl: options.defaultServerUrl ?? DEFAULT_SERVER_URL,
    paired: null,
  };

  async function load(): Promise<TerminalConfig> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      return fallback;
    }
    try {
      const parsed = terminalConfigSchema.safeParse(JSON.parse(text));
      // A damaged file must not stop the till: start unpaired, the file is rewritten on pairing.
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  async function save(config: TerminalConfig): Promise<void> {
    const valid = terminalConfigSchema.parse(config);
    await mkdir(dirname(path), { recursive: true });
    // Write-then-rename so a crash mid-write never leaves half a config behind.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(valid, null, 2) + '\n', { mode: 0o600 });
    await rename(tmp, path);
  }

  async function pair(input: PairInput): Promise<PairOutcome> {
    const url = new URL(syncPaths.pair, input.serverUrl).toString();
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: input.code }),
        signal: AbortSignal.timeout(options.pairTimeoutMs ?? 10_000),
      });
    } catch (e) {
      return {
        ok: false,
        reason: 'server-unreachable',
        message: `Cannot reach ${input.serverUrl}: ${errorText(e)}`,
      };
    }
    if (response.status >= 400 && response.status < 500) {
      return {
        ok: false,
        reason: 'code-invalid',
        message: await errorMessage(response, 'The pairing code was refused.'),
      };
    }
    if (!response.ok) {
      return {
        ok: false,
        reason: 'server-error',
        message: await errorMessage(response, `Server answered ${response.status}.`),
      };
    }
    const body = pairResponseSchema.safeParse(await response.json().catch(() => null));
    if (!body.success) {
      return {
        ok: false,
        reason: 'server-error',
        message: 'The server answered with something that is not a pairing.',
      };
    }
    const config: TerminalConfig = { serverUrl: input.serverUrl, paired: body.data };
    await save(config);
    return { ok: true, config };
  }

  return { path, load, save, pair };
}

async function errorMessage(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === 'string' && message ? message : fallback;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return (e.cause instanceof Error ? e.cause.message : '') || e.message;
  return String(e);
}
