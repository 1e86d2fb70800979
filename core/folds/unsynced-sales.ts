import type { SaleEvent } from '../journal/sale-event';
import { figuresAfterReturn, figuresAfterSale, type MemberFigures } from './member-figures';

/** What the fold needs of a till's local journal event (a sale or a return; other types are skipped). */
export type LocalEvent = { type: string; terminalId: string; seq: number } & Partial<
  Pick<SaleEvent, 'createdAt' | 'businessDay' | 'totalCents' | 'loyalty'>
>;

/**
 * The member as of just before the till's next sale: the server's figures plus this till's own
 * sales and returns of the member the server has not folded yet (seq above
 * `appliedThrough[terminal]`), in seq order, folded as the server's ledger will fold them (a
 * return: its points, lifetime earned, stamps; no purchase, no visit, no rule usage). Without it an offline till would give a
 * member queued two sales the first-purchase bonus twice, a per-day limit twice and one stamp too
 * few; the server re-evaluates the second sale against the member after the first and would see
 * drift. Other terminals' unfolded sales stay unknown: the honest limit of offline.
 */
export function withUnsyncedSales<M extends MemberFigures & { memberId: string }>(
  member: M,
  terminalId: string,
  events: Iterable<LocalEvent>,
): M {
  const applied = member.appliedThrough[terminalId] ?? 0;
  const mine: (LocalEvent & Pick<SaleEvent, 'createdAt' | 'businessDay' | 'totalCents'>)[] = [];
  for (const e of events) {
    if ((e.type !== 'sale' && e.type !== 'return') || e.terminalId !== terminalId || e.seq <= applied) {
      continue;
    }
    if (e.loyalty?.memberId !== member.memberId) continue;
    if (
      e.type === 'sale' &&
      (e.createdAt === undefined || e.businessDay === undefined || e.totalCents === undefined)
    ) {
      continue;
    }
    mine.push(e as (typeof mine)[number]);
  }
  if (mine.length === 0) return member;
  let figures: MemberFigures = member;
  for (const e of mine.sort((a, b) => a.seq - b.seq)) {
    const rows = e.loyalty?.ledger ?? [];
    // The rules read only the counters: no pending split, no home zone needed here.
    figures = e.type === 'return' ? figuresAfterReturn(figures, e, rows) : figuresAfterSale(figures, e, rows);
  }
  return { ...member, ...figures };
}
