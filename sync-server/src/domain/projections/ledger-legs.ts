import {
  figuresAfterReturn,
  figuresAfterTransfer,
  type FoldedRow,
  type MemberFigures,
} from '../../../../core/folds/member-figures';
import type { PointsTransferEvent } from '../../../../core/journal/points-transfer-event';
import type { ReturnEvent } from '../../../../core/journal/return-event';
import type { LoyaltyEntry } from '../../../../core/journal/sale-event';
import { SERVER_TERMINAL_ID } from '../../../../core/journal/server-events';
import type { OfflinePolicy } from '../../../../core/store/store-policy';
import { SPEND_PROGRAM_ID } from '../../../../core/loyalty/spend-ids';

/**
 * One member's part of a return or a points transfer (issue 9): the rows booked on them, how their
 * figures move with the rows that were new, and how far below what the store allows the figures
 * are (the overdraft watch reads it). A return has one leg (the member of the sale); a transfer
 * two (the giver's negative row, the receiver's positive one).
 */
export interface Leg {
  memberId: string | null;
  provisionalCard: string | null;
  entries: readonly LoyaltyEntry[];
  apply(before: MemberFigures, fresh: readonly FoldedRow[]): MemberFigures;
  /** Points below the allowed floor (≤ 0: fine). */
  shortOf(f: MemberFigures, policy: OfflinePolicy): number;
  /** What the new rows took: spent or taken back (the overdraft lists it). */
  spentBy(fresh: readonly FoldedRow[]): number;
}

export type LegEvent = ReturnEvent | PointsTransferEvent;

const taken = (fresh: readonly FoldedRow[]) =>
  fresh.filter((r) => r.account === 'points' && r.amount < 0).reduce((s, r) => s - r.amount, 0);

/** The rows of a return or transfer, member by member. */
export function legsOf(e: LegEvent): { programs: { programId: string; version: number }[]; legs: Leg[] } {
  if (e.type === 'return') {
    const l = e.loyalty;
    if (!l) return { programs: [], legs: [] };
    return {
      programs: l.programs,
      legs: [
        {
          memberId: l.memberId,
          provisionalCard: l.provisionalCard,
          entries: l.ledger,
          apply: (f, fresh) => figuresAfterReturn(f, e, fresh),
          // A return may take the member below zero as far as the policy allows (points still
          // pending count: a return in the window takes back what is not spendable yet).
          shortOf: (f, p) => -(f.balance + f.pendingPoints + p.returnOverdraftPoints),
          spentBy: taken,
        },
      ],
    };
  }
  if (!e.loyalty || !e.receiver) return { programs: [], legs: [] }; // a leaner shape: nothing to book
  const fromTill = e.terminalId !== SERVER_TERMINAL_ID;
  return {
    programs: [{ programId: SPEND_PROGRAM_ID, version: 1 }],
    legs: [
      {
        memberId: e.loyalty.memberId ?? e.fromMemberId,
        provisionalCard: e.loyalty.provisionalCard,
        entries: e.loyalty.ledger,
        apply: (f, fresh) => figuresAfterTransfer(f, e, fresh, fromTill),
        shortOf: (f) => -f.balance,
        spentBy: taken,
      },
      {
        memberId: e.receiver.memberId,
        provisionalCard: null,
        entries: e.receiver.ledger,
        apply: (f, fresh) => figuresAfterTransfer(f, e, fresh, false),
        shortOf: (f) => -f.balance,
        spentBy: () => 0,
      },
    ],
  };
}
