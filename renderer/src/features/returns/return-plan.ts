import type { SaleEvent } from '../../../../core/journal';
import { POINTS_ACCOUNT } from '../../../../core/loyalty/balance-rule';
import type { ProgramDoc } from '../../../../core/loyalty/program-doc';
import {
  planReturn,
  type PlanReturnInput,
  type PlanReturnReason,
  type ReturnPlan,
} from '../../../../core/loyalty/return-reversal';
import { err, ok, type Result } from '../../../../core/result/result';
import type { CompiledProgram } from '../../../../core/rules';
import type { OfflinePolicy } from '../../../../core/store/store-policy';
import type { ProgramCompiler } from '../members/sale-loyalty';

/**
 * What the cashier sees before confirming a return, pure: H2's plan (core/loyalty/return-reversal.ts)
 * and what it does to the member's balance, with the store's limit on a negative balance.
 */
export interface ReturnPreview {
  plan: ReturnPlan;
  /** The member's spendable points change: credited back − taken back (the return's 'points' rows). */
  pointsChange: number;
  /** The balance rule's spendable now, null when the member is not in this till's replica. */
  balanceBefore: number | null;
  balanceAfter: number | null;
  /**
   * The return takes the member below −policy.returnOverdraftPoints: a manager must allow it
   * (`return-over-policy`); null when within the policy or the balance is not known here.
   */
  overPolicy: { limit: number; balanceAfter: number } | null;
}

export function previewReturn(
  q: PlanReturnInput & { balance: number | null; policy: Pick<OfflinePolicy, 'returnOverdraftPoints'> },
): Result<ReturnPreview, PlanReturnReason> {
  const { balance, policy, ...input } = q;
  const planned = planReturn(input);
  if (!planned.ok) return err(planned.reason, planned.message);
  const plan = planned.value;
  const pointsChange = (plan.loyalty?.ledger ?? [])
    .filter((e) => e.account === POINTS_ACCOUNT)
    .reduce((n, e) => n + e.amount, 0);
  const balanceAfter = balance === null ? null : balance + pointsChange;
  const limit = policy.returnOverdraftPoints;
  const overPolicy =
    balanceAfter !== null && pointsChange < 0 && balanceAfter < -limit ? { limit, balanceAfter } : null;
  return ok({ plan, pointsChange, balanceBefore: balance, balanceAfter, overPolicy });
}

/**
 * The till's compiled programs of exactly the versions the sale names (a return re-evaluates the
 * kept goods with the sale's versions, not today's). A version the replica no longer holds is left
 * out; the plan then takes that program's points back in proportion.
 */
export function programsOfSale(
  docs: readonly ProgramDoc[],
  sale: Pick<SaleEvent, 'loyalty'>,
  compiler: ProgramCompiler,
): CompiledProgram[] {
  const named = new Set((sale.loyalty?.programs ?? []).map((p) => `${p.programId}@${p.version}`));
  if (named.size === 0) return [];
  // One compile per named version: compile() keeps the newest per program of what it is given.
  return docs
    .filter((d) => !d._deleted && named.has(`${d.programId}@${d.version}`))
    .flatMap((d) => compiler.compile([d]));
}
