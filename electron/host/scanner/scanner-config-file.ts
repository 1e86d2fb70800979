import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scannerConfigSchema, type ScannerConfig } from './device-matching';

export const SCANNER_CONFIG_FILE_NAME = 'scanners.json';

/**
 * Which devices the till opens besides HID POS scanners (found by usage page), kept beside the
 * terminal config: `{"devices": [{"vendorId": 1504, "productId": 4608, "decoder": "hid-keyboard",
 * "layout": "de"}]}`. A missing or damaged file means the defaults, never a till that won't start.
 */
export async function loadScannerConfig(
  userDataDir: string,
): Promise<{ config: ScannerConfig; problem?: string }> {
  const path = join(userDataDir, SCANNER_CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return { config: scannerConfigSchema.parse({}) };
  }
  try {
    const parsed = scannerConfigSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { config: parsed.data };
    return {
      config: scannerConfigSchema.parse({}),
      problem: `${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    };
  } catch (e) {
    return {
      config: scannerConfigSchema.parse({}),
      problem: `${path}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}
