import { REPORT_NAMES, type ReportName, type ReportResult } from '../../../../core/backoffice/api';
import { err, ok, type Result } from '../../../../core/result/result';
import type { Storage } from '../../storage/storage';
import { exceptionsReport } from './exceptions-report';
import { liabilityReport } from './liability-report';
import { membersReport } from './members-report';
import { offlineShareReport } from './offline-share-report';
import { pointsReport } from './points-report';
import { programCostReport } from './program-cost-report';
import type { ReportContext, ReportModule, ReportQuery } from './report-context';
import { salesReport } from './sales-report';
import { tendersReport } from './tenders-report';
import { tierMovementsReport } from './tier-movements-report';
import { tiersReport } from './tiers-report';
import { underException } from './under-exception';

export type { ReportQuery } from './report-context';
export type ReportProblem = 'unknown-report' | 'bad-range';

const MODULES: Record<ReportName, ReportModule> = {
  sales: salesReport,
  tenders: tendersReport,
  points: pointsReport,
  liability: liabilityReport,
  members: membersReport,
  tiers: tiersReport,
  'tier-movements': tierMovementsReport,
  'program-cost': programCostReport,
  'offline-share': offlineShareReport,
  exceptions: exceptionsReport,
};

/** The longest range a report covers: a year and a day (a leap year's whole year). */
export const MAX_RANGE_DAYS = 366;

export const isReportName = (name: string): name is ReportName =>
  (REPORT_NAMES as readonly string[]).includes(name);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => {
  const t = DAY.test(d) ? Date.parse(`${d}T00:00:00Z`) : NaN;
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};

/** Why a range is refused, in English (for the CLI and the HTTP message); null when it is fine. */
export function rangeProblem(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return 'from and to must be days written YYYY-MM-DD';
  if (from > to) return `from (${from}) is after to (${to})`;
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_RANGE_DAYS) return `the range covers ${days} days; at most ${MAX_RANGE_DAYS}`;
  return null;
}

/** One report over the stores asked for (undefined = every store) and a store-local day range. */
export async function runReport(
  storage: Storage,
  name: string,
  query: ReportQuery,
): Promise<Result<ReportResult, ReportProblem>> {
  if (!isReportName(name))
    return err('unknown-report', `no report named ${name}; one of ${REPORT_NAMES.join(', ')}`);
  const problem = rangeProblem(query.from, query.to);
  if (problem !== null) return err('bad-range', problem);
  const all = await storage.db.selectFrom('stores').select(['store_id', 'time_zone', 'currency']).execute();
  const wanted = query.storeIds === undefined ? undefined : new Set(query.storeIds);
  const stores = all
    .filter((s) => wanted === undefined || wanted.has(s.store_id))
    .map((s) => ({ storeId: s.store_id, timeZone: s.time_zone, currency: s.currency }));
  const ctx: ReportContext = {
    storage,
    stores,
    storeIds: query.storeIds === undefined ? undefined : [...query.storeIds],
    from: query.from,
    to: query.to,
  };
  const body = await MODULES[name](ctx);
  const currencies = new Set(stores.map((s) => s.currency));
  return ok({
    name,
    from: query.from,
    to: query.to,
    storeIds: query.storeIds === undefined ? 'all' : [...query.storeIds],
    ...body,
    underException: await underException(ctx),
    currency: currencies.size === 1 ? [...currencies][0]! : null,
  });
}
