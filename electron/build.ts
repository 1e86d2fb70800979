/**
 * `npm run build:electron`: bundles the main process and the preload into dist/electron/ with
 * esbuild. Both are CommonJS: a sandboxed preload must be, and package.json "main" points at
 * dist/electron/main.cjs. Electron itself and node-hid (native, rebuilt by electron-builder and
 * unpacked from asar) stay external.
 */
import { build, type BuildOptions } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'node-hid'],
  // ESM sources that read import.meta.url still work inside the CommonJS bundle.
  define: { 'import.meta.url': '__kassaImportMetaUrl' },
  banner: { js: "const __kassaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(outdir, 'main.cjs') }),
  build({
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(outdir, 'preload.cjs'),
  }),
]);
process.stdout.write(`Built ${outdir}/main.cjs and preload.cjs\n`);
