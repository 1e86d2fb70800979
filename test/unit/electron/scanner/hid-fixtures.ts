import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../../../electron/host/scanner/decoders/report-decoder';
import type { HidFixture } from '../../../fixtures/hid/hid-fixture';

export type { HidFixture };

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/hid');

export const hidFixtures: HidFixture[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as HidFixture);

export const fixture = (name: string): HidFixture => {
  const f = hidFixtures.find((x) => x.name === name);
  if (!f) throw new Error(`no fixture ${name}`);
  return f;
};

export const reportsOf = (f: HidFixture): Uint8Array[] => f.reports.map(fromHex);
