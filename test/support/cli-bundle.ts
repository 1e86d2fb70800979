/**
 * `kassa-server` bundled once per test run. Starting the CLI through tsx transpiles ~200 modules
 * on every spawn (about 1.8 s); the CLI and server tests spawn it a few hundred times, so the
 * integration project bundles it once with esbuild (the same transform tsx uses) and spawns plain
 * Node. Outside vitest, or when the bundle is missing, the tsx command is used.
 */
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_SOURCE = resolve(ROOT, 'sync-server/src/cli/main.ts');

/**
 * Bundles the CLI to `outfile`, which must lie inside the checkout so Node finds the dependencies
 * (left external: native addons and their own files stay where npm put them). Each module keeps
 * its own `import.meta.url`, so files it reads beside itself (SQL, the renderer build) resolve.
 */
export async function buildCliBundle(outfile: string): Promise<void> {
  await build({
    entryPoints: [CLI_SOURCE],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    plugins: [
      {
        name: 'own-import-meta-url',
        setup(b) {
          b.onLoad({ filter: /\.tsx?$/ }, async (args) => ({
            contents: (await readFile(args.path, 'utf8')).replaceAll(
              'import.meta.url',
              JSON.stringify(pathToFileURL(args.path).href),
            ),
            loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts',
          }));
        },
      },
    ],
  });
}

/** A fresh output path for this run, so concurrent runs in one checkout never share a bundle. */
export function bundlePath(): string {
  return resolve(ROOT, 'node_modules/.cache/kassa-cli', `${process.pid}-${Date.now()}`, 'main.mjs');
}
