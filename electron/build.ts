/**
 * `npm run build:electron`: bundles the main process and the preload into dist/electron/ with
 * esbuild (options in build-options.ts).
 */
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mainBuildOptions, preloadBuildOptions } from './build-options';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await Promise.all([build(mainBuildOptions(root)), build(preloadBuildOptions(root))]);
process.stdout.write(`Built ${join(root, 'dist/electron')}/main.cjs and preload.cjs\n`);
