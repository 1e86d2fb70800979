import type { FastifyBaseLogger } from 'fastify';
import type { JournalPushRow } from '../../../../core/sync/protocol';
import type { Storage } from '../../storage/storage';
import type { FoldConfig } from '../projections/projection';
import { creditReferrals } from './credit-referrals';

/** The members a push's sales name (the raw documents: a refused one just finds no referral). */
export function membersOfPushedSales(rows: readonly JournalPushRow[]): string[] {
  const ids = new Set<string>();
  for (const { newDocumentState: d } of rows) {
    if (d.type !== 'sale') continue;
    const loyalty = d.loyalty as { memberId?: unknown } | null | undefined;
    for (const id of [d.memberId, loyalty?.memberId]) if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/**
 * After a push has committed: the referrals of the members its sales name are credited when this
 * was their first purchase. A failure here never fails the push (the till's events are stored
 * and folded); it is logged, and the ledger jobs credit what is left on their next run.
 */
export async function creditReferralsAfterPush(
  storage: Storage,
  rows: readonly JournalPushRow[],
  now: number,
  config: FoldConfig | undefined,
  log: FastifyBaseLogger,
): Promise<void> {
  const referees = membersOfPushedSales(rows);
  if (referees.length === 0) return;
  try {
    const r = await creditReferrals(storage, now, config, referees);
    if (r.credited > 0) log.info({ module: 'referrals', ...r }, 'referrals credited');
  } catch (e) {
    log.error({ module: 'referrals', err: e }, 'referral credit failed; the ledger jobs retry it');
  }
}
