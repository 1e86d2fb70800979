import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const rendererDist = join(repoRoot, 'dist/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * The e2e tests and browser benchmarks run against the BUILT renderer. It is rebuilt when any
 * source under renderer/ or core/ is newer than the build, so a stale build is never tested.
 */
export function ensureRendererBuilt(): string {
  const index = join(rendererDist, 'index.html');
  const builtAt = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'core')));
  if (sourcesAt > builtAt) {
    // A child process with NODE_ENV=production: under vitest NODE_ENV is 'test', which would
    // make Vite build a development bundle.
    execFileSync(
      process.execPath,
      [
        join(repoRoot, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'renderer/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      { cwd: repoRoot, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'inherit' },
    );
  }
  return rendererDist;
}
