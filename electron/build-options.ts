import type { BuildOptions } from 'esbuild';
import { join } from 'node:path';

/**
 * esbuild options of the two Electron bundles. Both CommonJS: a sandboxed preload must be, and
 * package.json "main" points at dist/electron/main.cjs. Electron and node-hid (native, unpacked
 * from asar) stay external.
 */
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', 'node-hid'],
};

export function mainBuildOptions(root: string): BuildOptions {
  return {
    ...common,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    // ESM sources that read import.meta.url still work inside the CommonJS bundle.
    define: { 'import.meta.url': '__kassaImportMetaUrl' },
    banner: { js: "const __kassaImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
}

/** The sandboxed preload may require nothing but 'electron': no banner, no Node built-ins. */
export function preloadBuildOptions(root: string): BuildOptions {
  return {
    ...common,
    platform: 'browser',
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
  };
}
