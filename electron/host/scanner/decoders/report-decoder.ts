import type { Result } from '../../../../core/result/result';

/** Why a report (or the scan it finished) was not turned into text. Never thrown: returned. */
export type DecodeReason =
  | 'report-too-short'
  | 'unknown-report-id'
  | 'length-out-of-range'
  | 'symbology-changed'
  | 'too-long'
  | 'unmapped-key'
  | 'no-track-data';

/** A complete scan decoded from one or more reports. */
export interface DecodedScan {
  text: string;
  /** AIM symbology identifier (e.g. "]E0") when the device reports one. */
  symbology?: string;
  /** Every report that made up this scan, hex, space between reports (for the device test screen). */
  rawHex: string;
}

/**
 * One decoder per open device: it is fed every input report in order and answers a finished
 * scan, `null` while a scan is still arriving (or for reports that carry nothing, like key
 * releases), or a typed reason. A rejected report never poisons the next scan.
 */
export interface ReportDecoder {
  push(report: Uint8Array): Result<DecodedScan | null, DecodeReason>;
  /** Forget a half-received scan (the device was closed or unplugged mid-scan). */
  reset(): void;
}

/** The longest scan text the bridge carries (core/bridge rawScanSchema). */
export const MAX_SCAN_TEXT = 4096;

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`Not hex: ${hex.slice(0, 20)}…`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}
