import type { Envelope } from '../../../../core/journal/envelope';
import type { JournalEvent } from '../../../../core/journal/sale-event';
import { spendProblem } from '../../../../core/journal/spend-checks';
import { saleTotalsProblem } from '../../../../core/journal/totals';
import type { NewException } from '../../storage/repos/exceptions';
import type { StorageTx } from '../../storage/storage';

/** An event the server now understands, with its envelope. */
export interface CheckedEvent {
  envelope: Envelope;
  event: JournalEvent | undefined;
}

export type Finding = Omit<NewException, 'detectedAt'> & { dedupeKey: string };

/**
 * The checks that raise but never refuse (the sale happened), once an event is understood: on a
 * push, and when a parked event is folded at start or a projection catches up (where admission
 * never ran at today's rules). Pure; the same dedupe keys everywhere, so a finding is raised once.
 * - totals that do not add up (lines − discounts ≠ total, payments ≠ total): `totals-mismatch`;
 * - a sale in another currency than its store's (admission refuses it on a push; an event parked
 *   then, or stored by a laxer server, still reaches the projections): `currency-mismatch`;
 * - a sale, return or points transfer whose spending disagrees with its own ledger rows (a points
 *   payment without its row, a spend row that adds points, a negative gift-card payment, a
 *   transfer whose two sides differ): `spend-mismatch` (core/journal/spend-checks.ts).
 */
export function postAdmissionFindings(e: CheckedEvent, storeCurrency: string | undefined): Finding[] {
  const { envelope: env, event } = e;
  if (!event) return [];
  const base = { terminalId: env.terminalId, storeId: env.storeId, eventId: env.id, seq: env.seq };
  const findings: Finding[] = [];
  const spend = spendProblem(event);
  if (spend) {
    findings.push({
      ...base,
      kind: 'spend-mismatch',
      message: spend,
      detail: null,
      dedupeKey: `spend-mismatch:${env.terminalId}:${env.id}`,
    });
  }
  if (event.type !== 'sale') return findings;
  const problem = saleTotalsProblem(event);
  if (problem) {
    findings.push({
      ...base,
      kind: 'totals-mismatch',
      message: problem,
      detail: null,
      dedupeKey: `totals-mismatch:${env.terminalId}:${env.id}`,
    });
  }
  if (storeCurrency !== undefined && event.currency !== storeCurrency) {
    findings.push({
      ...base,
      kind: 'currency-mismatch',
      message: `Sale ${env.id} (seq ${env.seq}) is in ${event.currency}, but store ${env.storeId} sells in ${storeCurrency}; it is kept and summed with the store's sales.`,
      detail: JSON.stringify({ currency: event.currency, storeCurrency }),
      dedupeKey: `currency-mismatch:${env.terminalId}:${env.id}`,
    });
  }
  return findings;
}

/** Raises the findings of each event; returns how many were new. Store currencies are read once per store. */
export async function raisePostAdmissionChecks(
  tx: StorageTx,
  events: readonly CheckedEvent[],
  now: number,
): Promise<number> {
  const currencies = new Map<string, string | undefined>();
  let raised = 0;
  for (const e of events) {
    if (!e.event) continue;
    const storeId = e.envelope.storeId;
    if (!currencies.has(storeId)) currencies.set(storeId, (await tx.stores.get(storeId))?.currency);
    for (const f of postAdmissionFindings(e, currencies.get(storeId))) {
      if (await tx.exceptions.insert({ ...f, detectedAt: now })) raised++;
    }
  }
  return raised;
}
