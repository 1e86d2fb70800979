import type { IssuedCode, LoyaltyEntry, Redemption } from '../journal';
import { allocate, cents, percentOf } from '../money/money';
import { err, ok, type Result } from '../result/result';
import { localTime } from '../rules/local-time';
import type { Reward } from './reward';
import { SPEND_PROGRAM_ID, SPEND_PROGRAM_VERSION, spendEntryId } from './spend-ids';

/**
 * Applying a catalogue reward to the open basket (issue 9 "Redeeming at the till"), pure: whether
 * the member may have it now, what it costs and gives (shown before the cashier applies it), the
 * sale's redemption record, the negative ledger rows it spends, and its share of each line.
 *
 * A discount applies to what the rules engine left to pay on each line (after program discounts
 * and earlier redemptions: `dueCents`), never below 0. Removing a redemption is dropping its
 * result: nothing here keeps state, so the basket is exactly as before.
 */

/** A basket line as a reward sees it: what is still to pay on it after the programs' discounts. */
export interface RedeemLine {
  lineId: string;
  /** The product id (the rules' sku). */
  sku: string;
  quantity: number;
  unitPriceCents: number;
  dueCents: number;
}

/** The member as eligibility needs them (null: nobody attached). */
export interface RedeemingMember {
  memberId: string;
  tier: string | null;
  segments: readonly string[];
  /** Unlocks held per reward id (counters.rewards, with this till's unsynced ones), minus those used in this basket. */
  unlocked: Readonly<Record<string, number>>;
}

export interface RedeemInput {
  saleId: string;
  /** Made where the cashier applies it (a ULID), so the ledger id is unique per redemption. */
  redemptionId: string;
  reward: Reward;
  lines: readonly RedeemLine[];
  member: RedeemingMember | null;
  /** What the member may spend at this till now, the open basket's reservations already taken off. */
  redeemablePoints: number;
  store: { storeId: string; timeZone: string };
  at: number;
  /** The code reserved from this till's code range for a voucher; null when it holds no range. */
  voucherCode?: { code: string; formatId: string } | null;
}

export type RedeemReason =
  | 'no-member'
  | 'not-offered-here'
  | 'not-valid-now'
  | 'not-for-tier'
  | 'not-for-segment'
  | 'not-unlocked'
  | 'not-enough-points'
  | 'not-in-basket'
  | 'nothing-to-pay'
  | 'no-code-range';

export interface AppliedReward {
  redemption: Redemption;
  /** Negative rows the sale's loyalty ledger carries: the points cost, and an unlock used. */
  ledgerRows: LoyaltyEntry[];
  /** Cents off per line id (only lines it touches). */
  lineDiscounts: Record<string, number>;
  /** A voucher's code, issued for a later visit. */
  issuedCode: IssuedCode | null;
}

const DAY_MS = 86_400_000;

/** Why this member may not have this reward here now, or null: eligibility alone, not the cost. */
export function rewardRefusal(
  reward: Reward,
  member: RedeemingMember | null,
  store: { storeId: string; timeZone: string },
  at: number,
): Exclude<RedeemReason, 'not-enough-points' | 'not-in-basket' | 'nothing-to-pay' | 'no-code-range'> | null {
  if (!member) return 'no-member';
  if (reward.scope && !reward.scope.stores.includes(store.storeId)) return 'not-offered-here';
  const now = localTime(at, store.timeZone).dateTime;
  if (reward.validity?.from && now < reward.validity.from) return 'not-valid-now';
  if (reward.validity?.until && now >= reward.validity.until) return 'not-valid-now';
  const e = reward.eligibility;
  if (e?.tiers && (member.tier === null || !e.tiers.includes(member.tier))) return 'not-for-tier';
  if (e?.segments && !e.segments.some((s) => member.segments.includes(s))) return 'not-for-segment';
  if (reward.onlyWhenUnlocked && (member.unlocked[reward.id] ?? 0) < 1) return 'not-unlocked';
  return null;
}

/**
 * `total` cents spread over `on` in proportion to what is left on each, never more than a line
 * has left (so never below 0): the cents off per line id (only lines it touches). Reward amounts
 * and vouchers (voucher-redeem.ts) use it alike.
 */
export function spreadCents(total: number, on: readonly RedeemLine[]): Record<string, number> {
  const out: Record<string, number> = {};
  const due = on.map((l) => Math.max(0, l.dueCents));
  const capped = Math.min(
    total,
    due.reduce((n, d) => n + d, 0),
  );
  const shares = allocate(cents(capped), due).map((share, i) => Math.max(0, Math.min(share, due[i] ?? 0)));
  // Rounding can give a line a cent more than it has left, or the last line a cent less than
  // nothing: the shares are clamped, and the cents that moves go to (or come from) other lines.
  let diff = capped - shares.reduce((n, c) => n + c, 0);
  for (let i = 0; i < shares.length && diff !== 0; i++) {
    const share = shares[i] ?? 0;
    const step = diff > 0 ? Math.min(diff, (due[i] ?? 0) - share) : Math.max(diff, -share);
    shares[i] = share + step;
    diff -= step;
  }
  shares.forEach((c, i) => {
    const l = on[i];
    if (l && c > 0) out[l.lineId] = c;
  });
  return out;
}

/** What applying the reward takes off each line now (before it is applied: the till shows it). */
export function rewardLineDiscounts(reward: Reward, lines: readonly RedeemLine[]): Record<string, number> {
  const k = reward.kind;
  const out: Record<string, number> = {};
  const spread = (total: number, on: readonly RedeemLine[]) => Object.assign(out, spreadCents(total, on));
  switch (k.type) {
    case 'basket-amount':
      spread(k.amountCents, lines);
      break;
    case 'basket-percent':
      for (const l of lines) {
        const c = Math.min(
          Math.max(0, l.dueCents),
          percentOf(cents(Math.max(0, l.dueCents)), pct(k.percent)),
        );
        if (c > 0) out[l.lineId] = c;
      }
      break;
    case 'line-discount': {
      const on = lines.filter((l) => k.skus.includes(l.sku));
      if (k.amountCents !== undefined) {
        // An amount off each matching line (per line, as a shelf sticker would).
        for (const l of on) {
          const c = Math.min(Math.max(0, l.dueCents), k.amountCents);
          if (c > 0) out[l.lineId] = c;
        }
      } else {
        for (const l of on) {
          const due = Math.max(0, l.dueCents);
          const c = Math.min(due, percentOf(cents(due), pct(k.percent ?? 0)));
          if (c > 0) out[l.lineId] = c;
        }
      }
      break;
    }
    case 'free-product': {
      // One unit free: the line of the product with the most left to pay gives up one unit's price.
      const line = lines
        .filter((l) => l.sku === k.sku && l.dueCents > 0)
        .sort((a, b) => b.dueCents - a.dueCents)[0];
      // A weighed line (quantity 1, priced per kg) is one unit: all of it.
      if (line)
        out[line.lineId] = line.quantity === 1 ? line.dueCents : Math.min(line.dueCents, line.unitPriceCents);
      break;
    }
    case 'voucher':
    case 'donation':
      break; // neither takes anything off this basket
  }
  return out;
}

const pct = (percent: number) => Math.round(percent * 100);

/** Applies `reward`: the redemption, its ledger rows and line discounts, or why it cannot be. */
export function applyReward(input: RedeemInput): Result<AppliedReward, RedeemReason> {
  const { reward, member, saleId, redemptionId, at } = input;
  const refusal = rewardRefusal(reward, member, input.store, at);
  if (refusal || !member) return err(refusal ?? 'no-member', REASON_TEXT[refusal ?? 'no-member']);
  const cost = reward.cost.points;
  const currency = reward.cost.currency ?? 'points';
  if (cost > Math.max(0, input.redeemablePoints)) {
    return err('not-enough-points', REASON_TEXT['not-enough-points']);
  }
  const k = reward.kind;
  const lineDiscounts = rewardLineDiscounts(reward, input.lines);
  const discountCents = Object.values(lineDiscounts).reduce((n, c) => n + c, 0);
  if ((k.type === 'free-product' || k.type === 'line-discount') && discountCents === 0) {
    const inBasket = input.lines.some((l) =>
      k.type === 'free-product' ? l.sku === k.sku : k.skus.includes(l.sku),
    );
    return inBasket
      ? err('nothing-to-pay', REASON_TEXT['nothing-to-pay'])
      : err('not-in-basket', REASON_TEXT['not-in-basket']);
  }
  if ((k.type === 'basket-amount' || k.type === 'basket-percent') && discountCents === 0) {
    return err('nothing-to-pay', REASON_TEXT['nothing-to-pay']);
  }
  let issuedCode: IssuedCode | null = null;
  if (k.type === 'voucher') {
    if (!input.voucherCode) return err('no-code-range', REASON_TEXT['no-code-range']);
    issuedCode = {
      code: input.voucherCode.code,
      formatId: input.voucherCode.formatId,
      kind: 'voucher',
      valueCents: k.amountCents,
      validUntil: at + k.validDays * DAY_MS,
      source: `reward:${reward.id}`,
    };
  }
  const line = Object.keys(lineDiscounts);
  const source = reward.onlyWhenUnlocked ? 'unlocked' : 'catalogue';
  const redemption: Redemption = {
    redemptionId,
    rewardId: reward.id,
    rewardVersion: reward.version,
    kind: k.type,
    points: cost,
    currency,
    discountCents,
    ...((k.type === 'free-product' || k.type === 'line-discount') && line.length === 1 && line[0]
      ? { lineId: line[0] }
      : {}),
    ...(issuedCode ? { voucherCode: issuedCode.code } : {}),
    ...(k.type === 'donation' ? { cause: k.cause } : {}),
    source,
  };
  const ledgerRows = rewardLedgerRows(reward, saleId, redemptionId);
  return ok({ redemption, ledgerRows, lineDiscounts, issuedCode });
}

/**
 * The negative rows a redemption adds to the sale's loyalty ledger: its points cost (id
 * spendEntryId(saleId, 'reward', redemptionId)) and, for a reward a program unlocked, one off the
 * member's 'rewards:<id>' account, as a program's unlock row added one.
 */
export function rewardLedgerRows(reward: Reward, saleId: string, redemptionId: string): LoyaltyEntry[] {
  const id = spendEntryId(saleId, 'reward', redemptionId);
  const row = (rowId: string, account: string, unit: string, amount: number): LoyaltyEntry => ({
    id: rowId,
    account,
    unit,
    amount,
    programId: SPEND_PROGRAM_ID,
    programVersion: SPEND_PROGRAM_VERSION,
    ruleId: `reward:${reward.id}`,
    text: reward.name,
  });
  const rows: LoyaltyEntry[] = [];
  const cost = reward.cost.points;
  if (cost > 0) rows.push(row(id, 'points', reward.cost.currency ?? 'points', -cost));
  if (reward.onlyWhenUnlocked) rows.push(row(`${id}/unlock`, `rewards:${reward.id}`, 'rewards', -1));
  return rows;
}

/** English, for logs and tests; the till says it through i18n (spend.refused.<reason>). */
const REASON_TEXT: Record<RedeemReason, string> = {
  'no-member': 'Identify the member first.',
  'not-offered-here': 'This reward is not offered in this store.',
  'not-valid-now': 'This reward is not valid now.',
  'not-for-tier': "This reward is not for the member's tier.",
  'not-for-segment': 'This reward is not for this member.',
  'not-unlocked': "The member's programs have not unlocked this reward.",
  'not-enough-points': 'The member does not have enough points for this reward.',
  'not-in-basket': 'The product of this reward is not in the basket.',
  'nothing-to-pay': 'Nothing is left to pay for this reward to take off.',
  'no-code-range': 'This till holds no code range to issue a voucher from yet.',
};
