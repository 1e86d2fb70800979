import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildCliBundle, bundlePath } from '../support/cli-bundle';
import { CLI_BUNDLE_ENV } from '../support/kassa-server-command';

/**
 * Bundles `kassa-server` once for every integration test of this run (test/support/cli-bundle.ts).
 * Workers start after global setup and inherit its environment.
 */
export default async function setup(): Promise<() => void> {
  const outfile = bundlePath();
  await buildCliBundle(outfile);
  process.env[CLI_BUNDLE_ENV] = outfile;
  return () => rmSync(dirname(outfile), { recursive: true, force: true });
}
