import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron derives the user-data folder from (electron-builder productName). */
export const APP_DIR_NAME = 'Kassa';

/**
 * The folder where the terminal keeps its config when no Electron `app` is there to ask
 * (the browser fallback of `npm start`): the same folder Electron uses on Linux,
 * `$XDG_CONFIG_HOME/Kassa` or `~/.config/Kassa`. KASSA_USER_DATA overrides it (tests, kiosks).
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KASSA_USER_DATA) return env.KASSA_USER_DATA;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, APP_DIR_NAME);
}
