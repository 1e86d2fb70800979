import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The system Chromium (KASSA_CHROMIUM, else the first of the usual names on PATH), or null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.KASSA_CHROMIUM) return isExecutable(env.KASSA_CHROMIUM) ? env.KASSA_CHROMIUM : null;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of CANDIDATES) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * Opens the till as an app window (no tabs, no address bar) with its own profile under the data
 * folder, so the till's IndexedDB lives beside the server's data and not in the user's browser.
 */
export function openAppWindow(chromium: string, url: string, profileDir: string): ChildProcess {
  return spawn(
    chromium,
    [
      `--app=${url}`,
      `--user-data-dir=${profileDir}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    { stdio: 'ignore' },
  );
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
