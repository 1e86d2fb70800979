import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemo } from '../../sync-server/src/demo/seed-demo';
import type { ConfigStore } from '../host/config-store';

const MARKER = 'demo-seeded.json';
/**
 * Bumped when the demo gains data: an existing demo data dir is seeded again (the seed is
 * idempotent) so `npm start` after an upgrade shows it too. 2: members and programs. 3: the
 * seed-system programs and members 21–28. 4: the demo referral (Jesse → Yara) and referral.json v2.
 * 5: spending (issue 9): the stores' managers, the demo coupon and gift-card keys, gift cards.
 */
const DEMO_SEED_VERSION = 5;

export type DemoSetup =
  | { status: 'ready'; seeded: boolean; paired: boolean }
  | { status: 'paired-elsewhere'; serverUrl: string }
  | { status: 'pairing-failed'; message: string };

/**
 * First run of `npm start`: seed the demo store and catalogue into the fresh server, then pair
 * this terminal with it through the config service, as a cashier would with a code. Later runs
 * only pair again when the terminal lost its pairing or the demo data was wiped. A terminal paired
 * with another server is left alone.
 */
export async function ensureDemoPaired(opts: {
  dataDir: string;
  server: { url: string; adminToken: string };
  config: ConfigStore;
}): Promise<DemoSetup> {
  const markerPath = join(opts.dataDir, MARKER);
  const firstRun = !existsSync(markerPath);
  const outdated = !firstRun && seedVersionOf(markerPath) < DEMO_SEED_VERSION;
  const current = await opts.config.load();
  const sameServer = sameOrigin(current.serverUrl, opts.server.url);
  if (current.paired && !sameServer) return { status: 'paired-elsewhere', serverUrl: current.serverUrl };
  const needPair = !current.paired || firstRun;
  if (!firstRun && !needPair && !outdated) return { status: 'ready', seeded: false, paired: false };

  const seeded = await seedDemo(opts.server);
  mkdirSync(opts.dataDir, { recursive: true });
  writeFileSync(
    markerPath,
    JSON.stringify({ storeId: seeded.storeId, products: seeded.products, seedVersion: DEMO_SEED_VERSION }) +
      '\n',
  );
  if (!needPair) return { status: 'ready', seeded: true, paired: false };
  const outcome = await opts.config.pair({ serverUrl: opts.server.url, code: seeded.pairingCode });
  if (!outcome.ok) return { status: 'pairing-failed', message: outcome.message };
  return { status: 'ready', seeded: firstRun, paired: true };
}

function seedVersionOf(markerPath: string): number {
  try {
    const v = (JSON.parse(readFileSync(markerPath, 'utf8')) as { seedVersion?: unknown }).seedVersion;
    return typeof v === 'number' ? v : 1;
  } catch {
    return 1;
  }
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
