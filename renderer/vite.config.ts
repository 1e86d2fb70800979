import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = import.meta.dirname;

// Root is renderer/; the build goes to dist/renderer, which the Electron main process and the
// browser host serve. base './' keeps asset URLs relative so the build also loads from file://.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../dist/renderer`,
    emptyOutDir: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        index: `${here}/index.html`,
        // Benchmark page (test/bench/checkout-commit, barcode-lookup): real IndexedDB in Chromium.
        bench: `${here}/bench.html`,
        // The back office (issue 10), served by the sync server at /backoffice.
        backoffice: `${here}/backoffice.html`,
      },
    },
  },
  server: { host: '127.0.0.1' },
});
