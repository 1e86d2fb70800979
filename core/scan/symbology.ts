/**
 * Which symbology a scan came from, when the scanner says: an AIM symbology identifier
 * (ISO/IEC 15424, "]E0", sent as a prefix of the data or reported by HID POS scanners) or a
 * plain name ("EAN-13", "gs1-datamatrix"). GS1 symbologies mean the data is a GS1 element string.
 */
export type ScanSymbology =
  | 'ean13'
  | 'ean8'
  | 'upca'
  | 'upce'
  | 'code128'
  | 'gs1-128'
  | 'code39'
  | 'itf'
  | 'datamatrix'
  | 'gs1-datamatrix'
  | 'qr'
  | 'gs1-qr'
  | 'gs1-databar'
  | 'other';

const AIM: Readonly<Record<string, ScanSymbology>> = {
  E0: 'ean13',
  E4: 'ean8',
  C0: 'code128',
  C1: 'gs1-128',
  A0: 'code39',
  I0: 'itf',
  I1: 'itf',
  d1: 'datamatrix',
  d2: 'gs1-datamatrix',
  Q1: 'qr',
  Q3: 'gs1-qr',
  e0: 'gs1-databar',
};

const NAMES: Readonly<Record<string, ScanSymbology>> = {
  ean13: 'ean13',
  ean8: 'ean8',
  upca: 'upca',
  upce: 'upce',
  code128: 'code128',
  gs1128: 'gs1-128',
  ucc128: 'gs1-128',
  ean128: 'gs1-128',
  code39: 'code39',
  itf: 'itf',
  itf14: 'itf',
  datamatrix: 'datamatrix',
  gs1datamatrix: 'gs1-datamatrix',
  qr: 'qr',
  qrcode: 'qr',
  gs1qr: 'gs1-qr',
  gs1qrcode: 'gs1-qr',
  databar: 'gs1-databar',
  gs1databar: 'gs1-databar',
  rss14: 'gs1-databar',
};

export function isGs1Symbology(s: ScanSymbology | undefined): boolean {
  return s === 'gs1-128' || s === 'gs1-datamatrix' || s === 'gs1-qr' || s === 'gs1-databar';
}

/** A reported symbology (AIM id or name) in our terms; undefined when none was reported. */
export function normalizeSymbology(reported: string | undefined): ScanSymbology | undefined {
  if (reported === undefined || reported === '') return undefined;
  const aim = /^\]?([A-Za-z][0-9A-Za-z])$/.exec(reported);
  if (aim && reported.startsWith(']')) return AIM[aim[1] ?? ''] ?? 'other';
  const name = reported.toLowerCase().replace(/[^a-z0-9]/g, '');
  return NAMES[name] ?? (aim ? (AIM[aim[1] ?? ''] ?? 'other') : 'other');
}

/** Splits a leading AIM identifier ("]d2…") off the data a scanner sent. */
export function splitAimPrefix(text: string): { symbology?: ScanSymbology; text: string } {
  if (text.length >= 3 && text[0] === ']' && /^[A-Za-z][0-9A-Za-z]$/.test(text.slice(1, 3))) {
    return { symbology: AIM[text.slice(1, 3)] ?? 'other', text: text.slice(3) };
  }
  return { text };
}
