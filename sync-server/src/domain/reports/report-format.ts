import Papa from 'papaparse';
import type { ReportResult } from '../../../../core/backoffice/api';

/**
 * A report as a person reads it outside the back office: CSV (papaparse's unparse, one header row
 * of the column labels, the totals as a last row) and a plain-text table for the CLI. Cents stay
 * integers in CSV (a spreadsheet divides); the text table writes them as money.
 */
export function reportCsv(r: ReportResult): string {
  const rows = r.totals ? [...r.rows, { ...r.totals, [r.columns[0]!.key]: 'total' }] : r.rows;
  return Papa.unparse({
    fields: r.columns.map((c) => c.key),
    data: rows.map((row) => r.columns.map((c) => row[c.key] ?? '')),
  });
}

function cell(v: string | number | null | undefined, unit: string, currency: string | null): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (unit === 'cents') {
    const abs = Math.abs(v);
    const money = `${v < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
    return currency ? `${money} ${currency}` : money;
  }
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  return String(v);
}

/** The report as lines of text: title, range, a table, and what is under exception. */
export function reportText(r: ReportResult): string[] {
  const header = r.columns.map((c) => c.label);
  const body = [...r.rows, ...(r.totals ? [{ ...r.totals, [r.columns[0]!.key]: 'Total' }] : [])].map((row) =>
    r.columns.map((c) => cell(row[c.key], c.unit, r.currency)),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const stores = r.storeIds === 'all' ? 'every store' : r.storeIds.join(', ');
  const lines = [
    `${r.title} — ${stores}, ${r.from} to ${r.to}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
  ];
  lines.push(...(body.length === 0 ? ['(nothing in this range)'] : body.map(line)));
  if (r.underException.sales > 0) {
    lines.push(
      '',
      `${r.underException.sales} sale(s) in this range, ${cell(r.underException.cents, 'cents', r.currency)}, are under an exception that is not resolved (counted above).`,
    );
  }
  return lines;
}
