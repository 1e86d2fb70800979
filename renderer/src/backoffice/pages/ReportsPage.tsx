/** Reports: pick one and a day range (the store from the header); chart where it says so, table beside, CSV. */
import { useState } from 'react';
import { useText } from '../use-text';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { REPORT_NAMES, type ReportResult } from '../../../../core/backoffice/api';
import { storeOrFirst, useBackoffice } from '../context';
import { downloadCsv, toCsv } from '../csv';
import { money, tDynamic, todayIn } from '../text';
import { useLoad } from '../useLoad';

const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2'];

export function ReportsPage() {
  const c = useBackoffice();
  const { t, i18n } = useText();
  const today = todayIn(storeOrFirst(c)?.timeZone ?? 'UTC');
  const [name, setName] = useState<string>('sales');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const { data, error } = useLoad(
    () => c.api.report(name, { store: c.storeId || undefined, from, to }),
    [name, from, to, c.storeId],
  );
  const label = (key: string, fallback: string) => tDynamic(t, `backoffice.reports.columns.${key}`, fallback);

  const download = (r: ReportResult) => {
    const columns = r.columns.map((col) => ({ key: col.key, label: label(col.key, col.label) }));
    downloadCsv(`${r.name}-${r.from}-${r.to}.csv`, toCsv(columns, r.totals ? [...r.rows, r.totals] : r.rows));
  };

  return (
    <section>
      <h2>{t('backoffice.nav.reports')}</h2>
      <div className="bo-filters">
        <label>
          {t('backoffice.reports.report')}
          <select value={name} onChange={(e) => setName(e.target.value)} data-testid="bo-report-name">
            {REPORT_NAMES.map((n) => (
              <option key={n} value={n}>
                {tDynamic(t, `backoffice.reports.names.${n}`, n)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('backoffice.filters.from')}
          <input
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="bo-report-from"
          />
        </label>
        <label>
          {t('backoffice.filters.to')}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="bo-report-to" />
        </label>
        {data && (
          <button type="button" onClick={() => download(data)} data-testid="bo-report-csv">
            {t('backoffice.downloadCsv')}
          </button>
        )}
      </div>
      {error && <p className="bo-error">{error}</p>}
      {data && (
        <>
          {data.underException.sales > 0 && (
            <p className="bo-warn" data-testid="bo-under-exception">
              {t('backoffice.reports.underException', {
                count: data.underException.sales,
                amount: money(data.underException.cents, data.currency, i18n.language),
              })}
            </p>
          )}
          <div className="bo-report">
            {data.chart && <ReportChart report={data} label={label} />}
            <ReportTable report={data} label={label} />
          </div>
        </>
      )}
    </section>
  );
}

type Label = (key: string, fallback: string) => string;

function ReportChart({ report, label }: { report: ReportResult; label: Label }) {
  const chart = report.chart!;
  const data = report.rows;
  return (
    <div className="bo-chart" data-testid="bo-report-chart">
      <ResponsiveContainer width="100%" height={300}>
        {chart.kind === 'pie' ? (
          <PieChart>
            <Tooltip />
            <Legend />
            <Pie data={data} dataKey={chart.series[0] ?? ''} nameKey={chart.x} label />
          </PieChart>
        ) : chart.kind === 'line' ? (
          <LineChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey={chart.x} />
            <YAxis />
            <Tooltip />
            <Legend />
            {chart.series.map((s, i) => (
              <Line key={s} dataKey={s} name={label(s, s)} stroke={COLOURS[i % COLOURS.length]} />
            ))}
          </LineChart>
        ) : (
          <BarChart data={data}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey={chart.x} />
            <YAxis />
            <Tooltip />
            <Legend />
            {chart.series.map((s, i) => (
              <Bar key={s} dataKey={s} name={label(s, s)} fill={COLOURS[i % COLOURS.length]} />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

function ReportTable({ report, label }: { report: ReportResult; label: Label }) {
  const { t, i18n } = useText();
  const cell = (unit: string, v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '—';
    if (unit === 'cents' && typeof v === 'number') return money(v, report.currency, i18n.language);
    if (unit === 'ratio' && typeof v === 'number') return `${(v * 100).toFixed(1)} %`;
    return String(v);
  };
  return (
    <table className="bo-table" data-testid="bo-report-table">
      <thead>
        <tr>
          {report.columns.map((col) => (
            <th key={col.key}>{label(col.key, col.label)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.rows.map((row, i) => (
          <tr key={i}>
            {report.columns.map((col) => (
              <td key={col.key}>{cell(col.unit, row[col.key])}</td>
            ))}
          </tr>
        ))}
        {report.rows.length === 0 && (
          <tr>
            <td colSpan={report.columns.length}>{t('backoffice.reports.empty')}</td>
          </tr>
        )}
      </tbody>
      {report.totals && (
        <tfoot>
          <tr>
            {report.columns.map((col) => (
              <td key={col.key}>{cell(col.unit, report.totals?.[col.key])}</td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
