import { shiftsProjection } from '../shifts/projection';
import { giftCardsProjection } from '../gift-cards/gift-cards-projection';
import { couponsProjection } from './coupons-projection';
import { enrolmentProjection } from './enrolment-projection';
import { exceptionStatusProjection } from './exception-status-projection';
import { createLedgerProjection } from './ledger-projection';
import { createMemberSnapshots } from './member-snapshots';
import { createProgramVersions } from './program-versions';
import { overridesProjection } from './overrides-projection';
import { pinFailuresProjection } from './pin-failures-projection';
import { returnsProjection } from './returns-projection';
import { createRuleDriftProjection } from './rule-drift-projection';
import { salesProjection } from './sales-projection';
import { seqTrackingProjection } from './seq-tracking-projection';
import { staleRedemptionsProjection } from './stale-redemptions-projection';
import type { FoldConfig, Projection } from './projection';

/**
 * The server's projections, folded in this order for every batch: enrolments before the rule-drift
 * check and the ledger (a sale may follow its member's enrolment in the same push), the rule-drift
 * check before the ledger (it evaluates the member as the till saw them, before this sale). The
 * rule-drift and ledger projections share one memo of published program versions, which never
 * change once published, and the transaction's snapshot of the members a batch names.
 */
const versions = createProgramVersions();
const members = createMemberSnapshots();
export const DEFAULT_PROJECTIONS: readonly Projection[] = [
  seqTrackingProjection,
  salesProjection,
  enrolmentProjection,
  createRuleDriftProjection(versions, members),
  createLedgerProjection(versions, members),
  // Gift cards and store credit: their own ledger in cents (domain/gift-cards).
  giftCardsProjection,
  // Spending (issue 9): coupon codes used once, returns against their sales, manager overrides.
  couponsProjection,
  returnsProjection,
  overridesProjection,
  staleRedemptionsProjection,
  // Issue 10: a manager's adjustments → exception status and the audit trail's rows.
  exceptionStatusProjection,
  // Issue 10: shifts closed at the tills, reconciled against what was folded for them.
  shiftsProjection,
  // Issue 11: wrong manager PINs and lockouts at the tills.
  pinFailuresProjection,
];
export const DEFAULT_FOLD_CONFIG: FoldConfig = { projections: DEFAULT_PROJECTIONS };
