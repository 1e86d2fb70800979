import type { CompiledProgram } from '../rules/compile';
import type { Program } from '../rules/schema/program';
import { POINTS_ACCOUNT, shownBalance, unsyncedPoints } from './balance-rule';
import type { BalanceAccount, LocalLoyaltyEvent } from './balance-rule';

/** The programs whose points wait out a return window (pendingDays > 0): redeemablePoints' `pendingPrograms`. */
export function pendingProgramIds(programs: Iterable<CompiledProgram | Program>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const entry of programs) {
    const p = 'compiled' in entry ? entry.program : entry;
    if ((p.pendingDays ?? 0) > 0) ids.add(p.id);
  }
  return ids;
}

/**
 * What a member may spend at this till now (issue 9, "pending points are never spendable"):
 *
 *     redeemable = max(0, shown.spendable − Σ local unsynced POSITIVE rows of pending programs − reserved)
 *
 * It starts from the balance rule (balance-rule.ts), so an event is counted exactly once whatever
 * the order of push and pull. The server's balance already leaves out points still inside a
 * program's return window; the till's own unsynced rows are not sorted that way yet, so the rows a
 * program with a return window (`pendingPrograms`: pendingDays > 0) earned here are taken out
 * again. Negative rows (spends, transfers, clawbacks) always count: what was spent is gone.
 * `reservedPoints` is what the open basket has applied already (rewards, a points tender), so the
 * cashier cannot apply the same points twice before the sale is written.
 */
export function redeemablePoints(input: {
  account: BalanceAccount;
  memberId: string;
  terminalId: string;
  events: Iterable<LocalLoyaltyEvent & { createdAt?: number }>;
  pendingPrograms: ReadonlySet<string>;
  reservedPoints: number;
}): number {
  const { account, memberId, terminalId, pendingPrograms } = input;
  // Materialised once: an iterable may be a one-shot generator, and it is read twice below.
  const events = [...input.events];
  const shown = shownBalance(account, memberId, terminalId, events);
  const pending =
    pendingPrograms.size === 0
      ? 0
      : unsyncedPoints(account, memberId, terminalId, pendingRowsOnly(events, pendingPrograms));
  const reserved = Math.max(0, input.reservedPoints);
  return Math.max(0, shown.spendable - pending - reserved);
}

/** A ledger row as the journal holds it: the balance rule's fields, and the program that wrote it. */
interface RowWithProgram {
  readonly account: string;
  readonly amount: number;
  readonly programId?: unknown;
}

/**
 * The same events with only their pending rows (positive points of a pending program), so the
 * balance rule's own selection (terminal, seq above appliedThrough, member) decides which count.
 */
function* pendingRowsOnly(
  events: readonly LocalLoyaltyEvent[],
  pendingPrograms: ReadonlySet<string>,
): Generator<LocalLoyaltyEvent> {
  for (const e of events) {
    if (!e.loyalty) continue;
    const rows = (e.loyalty.ledger as readonly RowWithProgram[]).filter(
      (row) =>
        row.account === POINTS_ACCOUNT &&
        row.amount > 0 &&
        typeof row.programId === 'string' &&
        pendingPrograms.has(row.programId),
    );
    if (rows.length > 0) yield { ...e, loyalty: { ...e.loyalty, ledger: rows } };
  }
}
