import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import {
  centsField,
  codeField,
  epochMsField,
  idField,
  nameField,
  nonNegativeCentsField,
  type Known,
} from './fields';

/*
 * What a sale spends (issue 9), as sale v5 carries it: the spend lives inside the sale event — one
 * event, never a separate step. The points a sale spends are negative 'points' rows of its loyalty
 * ledger (ids from core/loyalty/spend-ids.ts), so the balance rule, the ledger fold and a refold
 * count them exactly like the points it earns. The records below say what was spent on what.
 */

export const TENDER_METHODS = ['cash', 'card', 'points', 'gift-card'] as const;
export type TenderMethod = (typeof TENDER_METHODS)[number];

/**
 * A payment of sale v5. `points`: the points spent on `amountCents` (at the program's rate; the
 * sale's loyalty ledger has the matching negative row). `gift-card`: the card's normalised `code`
 * (its balance is a ledger of its own on the server). Store credit is a gift card of kind
 * 'store-credit' (same code format, same ledger).
 */
export const tenderSchema = z
  .looseObject({
    method: z.enum(TENDER_METHODS),
    amountCents: centsField,
    /** Cash handed over, and the change given back. */
    tenderedCents: centsField.optional(),
    changeCents: centsField.optional(),
    /** Points tender: how many points paid amountCents. */
    points: z.number().int().min(1).max(B.maxPoints).optional(),
    /** Gift card (or store credit): the normalised code. */
    code: codeField.optional(),
  })
  .refine((t) => t.method !== 'points' || t.points !== undefined, {
    message: 'a points payment names its points',
    path: ['points'],
  })
  .refine((t) => t.method !== 'gift-card' || t.code !== undefined, {
    message: 'a gift-card payment names its code',
    path: ['code'],
  });
export type Tender = Known<z.infer<typeof tenderSchema>>;

/**
 * A reward from the catalogue redeemed on this sale. `points` is what it cost (a negative points
 * row with id spendEntryId(saleId, 'reward', redemptionId)); `discountCents` what it took off the
 * basket (its share is in the lines' discountCents); a voucher names the code issued for a later
 * visit, a donation the cause.
 */
export const redemptionSchema = z.looseObject({
  redemptionId: idField,
  rewardId: idField,
  rewardVersion: z.number().int().min(1).max(1_000_000),
  /** The reward's kind (core/loyalty/reward.ts REWARD_KINDS). */
  kind: codeField,
  points: z.number().int().min(0).max(B.maxPoints),
  /** The points currency spent ('points' unless the reward says otherwise). */
  currency: codeField,
  discountCents: nonNegativeCentsField,
  /** The line a line discount or free product applied to. */
  lineId: idField.optional(),
  /** A voucher's code, issued from this till's code range. */
  voucherCode: codeField.optional(),
  /** A donation's cause. */
  cause: nameField.optional(),
  /** Why this member could redeem it: 'catalogue' (points) or 'unlocked' (a program unlocked it). */
  source: z.enum(['catalogue', 'unlocked']),
});
export type Redemption = Known<z.infer<typeof redemptionSchema>>;

/**
 * A coupon scanned and used on the sale (its signature verified at the till). The server takes
 * the first event that uses a code; a second raises `coupon-reused` with both sales.
 */
export const couponUseSchema = z.looseObject({
  /** Normalised code (core/scan normalizeSignedCode). */
  code: codeField,
  formatId: codeField,
  /** The campaign the code belongs to (the format's 'campaign' field, or the whole payload). */
  campaign: codeField,
  /** What it took off the basket (0 when it unlocked points rather than a discount). */
  discountCents: nonNegativeCentsField,
  /** The program rules it satisfied. */
  rules: z.array(z.looseObject({ programId: idField, ruleId: idField })).max(B.maxPrograms),
});
export type CouponUse = Known<z.infer<typeof couponUseSchema>>;

/** A code this sale issued (a voucher, a next-visit coupon), from the till's own code range. */
export const issuedCodeSchema = z.looseObject({
  code: codeField,
  formatId: codeField,
  kind: z.enum(['voucher', 'coupon']),
  /** A voucher's value. */
  valueCents: nonNegativeCentsField.optional(),
  /** Last moment it can be used, epoch ms. */
  validUntil: epochMsField.optional(),
  /** The reward or program rule it came from, for the manager. */
  source: nameField,
});
export type IssuedCode = Known<z.infer<typeof issuedCodeSchema>>;

/** What sale v5 adds to v4 (spread into saleV5Schema). */
export const saleSpendShape = {
  payments: z.array(tenderSchema).min(1).max(B.maxPayments),
  redemptions: z.array(redemptionSchema).max(B.maxRedemptions),
  coupons: z.array(couponUseSchema).max(B.maxCoupons),
  issuedCodes: z.array(issuedCodeSchema).max(B.maxCoupons),
  /** Manager overrides (manager-override events written before this sale) that allowed it. */
  overrides: z.array(idField).max(B.maxOverrides),
  /**
   * How old the till's replica was when it sold (its clock now minus its last contact with the
   * server, both its own clock, so a skewed clock does not skew it); absent from a till that never
   * synced and from tills before this field. Optional in v5: the journal can grow, an older server
   * keeps it unread. The stale-redemptions projection judges a points spend by it.
   */
  replicaAgeMs: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
};
