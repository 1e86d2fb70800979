import { CLI_SOURCE } from './cli-bundle';

/** Set by the integration project's global setup (test/integration/global-setup.ts). */
export const CLI_BUNDLE_ENV = 'KASSA_TEST_CLI_BUNDLE';

/** Node arguments that start `kassa-server`: this run's bundle when there is one, tsx otherwise. */
export function kassaServerArgs(): string[] {
  const bundle = process.env[CLI_BUNDLE_ENV];
  return bundle ? [bundle] : ['--import', 'tsx', CLI_SOURCE];
}
