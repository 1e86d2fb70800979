import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from './domain/tokens';

/**
 * The admin token lives in `<dataDir>/admin-token` (mode 0600). It is made on first start and
 * printed once; afterwards an operator reads it from the file.
 */
export function loadOrCreateAdminToken(dataDir: string): { token: string; created: boolean } {
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, created: true };
}
