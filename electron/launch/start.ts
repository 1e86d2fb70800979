/**
 * `npm start` — Kassa on this machine: the sync server with the demo store, and the till.
 *
 *   --no-open        do not open a window (headless machines, tests); also KASSA_NO_OPEN=1
 *   --demo-scanner   a HID POS scanner fed by codes typed in this terminal (browser fallback)
 *   env KASSA_DATA_DIR      server data (default ./data)
 *   env KASSA_USER_DATA     the terminal's config folder (default ~/.config/Kassa, as Electron)
 *   env KASSA_SERVER_PORT   sync server port (default 8787); KASSA_HOST_PORT browser host (8788)
 *   env KASSA_RENDERER_DIR  the built renderer (default dist/renderer)
 *   env KASSA_CHROMIUM      the Chromium to open when Electron is not installed
 * Ctrl-C stops everything.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultUserDataDir } from '../host/user-data-dir';
import { launchKassa } from './launcher';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const env = process.env;
const port = (value: string | undefined, fallback: number) => {
  const n = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`Not a port: ${value}`);
  return n;
};

const unknown = args.filter((a) => a !== '--no-open' && a !== '--demo-scanner');
if (unknown.length) {
  process.stderr.write(
    `Unknown option(s): ${unknown.join(' ')}. Usage: npm start [-- --no-open] [--demo-scanner]\n`,
  );
  process.exit(2);
}

// Ctrl-C is handled from the first moment: the launcher prints its URL before launchKassa
// resolves, and a signal in between must still stop the server and exit 0, not kill the process.
let stopping = false;
const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  await (await launching).stop();
  process.exit(code);
};
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const launching = launchKassa({
  root,
  dataDir: resolve(env.KASSA_DATA_DIR ?? join(root, 'data')),
  userDataDir: defaultUserDataDir(env),
  rendererDir: resolve(env.KASSA_RENDERER_DIR ?? join(root, 'dist/renderer')),
  serverPort: port(env.KASSA_SERVER_PORT, 8787),
  hostPort: port(env.KASSA_HOST_PORT, 8788),
  open: !args.includes('--no-open') && env.KASSA_NO_OPEN !== '1',
  ...(args.includes('--demo-scanner') ? { demoScanner: { input: process.stdin } } : {}),
  log: (line) => process.stdout.write(line + '\n'),
}).catch((e: unknown) => {
  const message = e instanceof Error ? e.message : String(e);
  const busy = /EADDRINUSE/.test(message)
    ? ' (is Kassa already running? Set KASSA_SERVER_PORT / KASSA_HOST_PORT)'
    : '';
  process.stderr.write(`Kassa could not start: ${message}${busy}\n`);
  process.exit(1);
});

const kassa = await launching;
void kassa.windowClosed.then(() => {
  process.stdout.write('The Kassa window was closed; stopping.\n');
  return shutdown(0);
});
