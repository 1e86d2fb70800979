import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if it is installed, else null. Reads what electron's own index.js reads
 * (path.txt and dist/) without requiring the package: requiring it throws when the binary is
 * missing, and nothing here may start its download.
 */
export function findElectronBinary(
  electronPackageDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const pathFile = join(electronPackageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  if (!relative) return null;
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative)
    : join(electronPackageDir, 'dist', relative);
  return existsSync(binary) ? binary : null;
}
