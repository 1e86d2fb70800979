/** A moment as ISO text, or blank for none (a column of a CLI table). */
export const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());

/** Plain-text tables for the CLI. */
export function printTable(out: (s: string) => void, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  out(line(header));
  out(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) out(line(r));
}

/**
 * Minor units as money. A total can pass 2^53 and then arrives as a string of digits (ExactSum), so
 * the amount is handed to Intl as an exact decimal string, never divided as a float.
 */
export function formatEuro(cents: number | string, currency: string): string {
  const n = BigInt(cents);
  const abs = n < 0n ? -n : n;
  const decimal = `${n < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  // Intl.NumberFormat formats a decimal string exactly (ES2023); lib ES2022 types only numbers.
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency }).format(decimal as unknown as number);
}
