import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Builds the renderer with Vite when its build is missing (a fresh clone), like `npm run build:renderer`. */
export async function ensureRendererBuilt(
  root: string,
  rendererDir: string,
  log: (line: string) => void,
): Promise<void> {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  if (resolve(rendererDir) !== resolve(root, 'dist/renderer')) {
    // Vite builds to dist/renderer; another folder is the caller's to fill.
    throw new Error(`${rendererDir} has no index.html (KASSA_RENDERER_DIR must hold a built renderer)`);
  }
  log('Building the renderer (first start)…');
  await run(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    root,
  );
}

/** Bundles main and preload when dist/electron is missing. */
export async function ensureElectronBuilt(root: string, log: (line: string) => void): Promise<void> {
  if (existsSync(join(root, 'dist/electron/main.cjs')) && existsSync(join(root, 'dist/electron/preload.cjs')))
    return;
  log('Bundling the Electron main process…');
  await run(process.execPath, ['--import', 'tsx', join(root, 'electron/build.ts')], root);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A production build whatever NODE_ENV the caller has (vitest sets 'test').
    const child = spawn(command, args, {
      cwd,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)),
    );
  });
}
