import { shownBalance, type BalanceAccount, type LocalLoyaltyEvent } from '../../core/loyalty/balance-rule';
import { withUnsyncedSales, type LocalEvent } from '../../core/folds/unsynced-sales';
import type { ScannedCoupon } from '../../core/loyalty/coupon-check';
import { classifyScan } from '../../core/scan/classify';
import { DEMO_SCAN_CONFIG } from '../../core/scan/scan-config';
import { demoCouponCodes } from '../../sync-server/src/demo/demo-coupons';
import type { MemberDoc } from '../../core/loyalty/member-doc';
import { centsForPoints, pointsForCents, pointsRateOf } from '../../core/loyalty/points-rate';
import type { ProgramDoc } from '../../core/loyalty/program-doc';
import { pendingProgramIds, redeemablePoints } from '../../core/loyalty/spendable';
import type { JournalEvent, Tender } from '../../core/journal';
import type { StoreManager } from '../../core/store/store-policy';
import { businessDayOf, type StoreSettings } from '../../core/store/store-settings';
import { pullResponseSchema, syncPaths } from '../../core/sync/protocol';
import type { CompiledProgram, Evaluation } from '../../core/rules';
import type { JournalDoc, ProductDoc } from '../../renderer/src/db/database';
import type { JournalWriter } from '../../renderer/src/db/journal-writer';
import type { Basket } from '../../renderer/src/features/checkout/basket';
import type { SaleLoyaltyOutcome } from '../../renderer/src/features/checkout/useCheckout';
import { buildOverrideEvent } from '../../renderer/src/features/manager/build-override-event';
import type { Identification } from '../../renderer/src/features/members/identify';
import { createProgramCompiler, evaluateSale } from '../../renderer/src/features/members/sale-loyalty';
import { pointsCap } from '../../renderer/src/features/spend/spend-caps';
import { spendOutcome, spendView } from '../../renderer/src/features/spend/spend-outcome';
import {
  EMPTY_SPEND,
  spendReducer,
  spendTenders,
  type SpendState,
} from '../../renderer/src/features/spend/spend-state';
import { message } from '../../renderer/src/i18n/translatable';
import { syncCall } from '../../renderer/src/sync/sync-api';
import { couponsUsedIn } from '../../renderer/src/features/spend/used-codes';
import type { Prng } from './prng';

/**
 * The members the simulated shoppers are: demo members 1–6, each given an opening balance in the
 * server template (sim-server.ts), few enough that two tills often spend the same points offline.
 */
export const SIM_MEMBER_COUNT = 6;
export const SIM_OPENING_POINTS = [1_500, 2_500, 3_000, 4_000, 800, 6_000] as const;
/** The demo store's manager (sync-server/src/demo/demo-managers.ts); the PIN check is not simulated. */
const MANAGER = { managerId: 'mgr-ams-sanne', name: 'Sanne de Vries' } as StoreManager;

/** A planted loyalty bug in the till (tests only). */
export type LoyaltyBug = 'none' | 'count-synced-twice' | 'forget-used-coupons';

/**
 * The till's loyalty replica and the renderer's loyalty code over it: the member and program
 * documents as the till pulls them (`GET …/members/pull`, `…/programs/pull` through the till's own
 * network link), compiled and evaluated with renderer/src/features/members/sale-loyalty.ts, the
 * points tender built with the spend feature's reducer and outcome, the offline caps of
 * spend-caps.ts, the balance rule of core/loyalty/balance-rule.ts and what may be redeemed of
 * core/loyalty/spendable.ts. Held in memory, not in RxDB collections: RxDB's open-source limit of 13
 * collections would leave room for 2 tills only (test/simulation/README.md).
 */
/**
 * The demo's printed XMAS coupons (€5 off from €25, each code once in the chain), as the till's
 * scanner classifies them: three codes shared by every till, so two offline tills can take one.
 */
export const SIM_COUPONS: readonly ScannedCoupon[] = demoCouponCodes().map((text) => {
  const c = classifyScan({ text }, DEMO_SCAN_CONFIG, { nowMs: 0 });
  if (!c.ok || c.value.kind !== 'coupon') throw new Error(`the demo coupon ${text} does not scan as one`);
  return {
    code: c.value.code,
    formatId: c.value.formatId,
    campaign: c.value.fields.campaign ?? c.value.payload,
  };
});

export class SimLoyalty {
  members = new Map<string, MemberDoc>();
  programs: CompiledProgram[] = [];
  private readonly compiler = createProgramCompiler();
  /** When the replica last pulled (this till's clock), null before the first pull. */
  syncedAt: number | null = null;
  /** Whether the latest pull answered: the live feed's "connected" for this simulation. */
  live = false;
  /** Coupons refused at the scan because this till had used them already. */
  couponsRefused = 0;

  constructor(
    private readonly endpoint: { serverUrl: string; token: string },
    private readonly bug: LoyaltyBug,
  ) {}

  /** Pulls members and programs; a failed pull leaves the replica as it was and the till offline. */
  async pull(transport: typeof fetch, nowMs: number): Promise<boolean> {
    try {
      const members = await syncCall(
        this.endpoint,
        `${syncPaths.pull('members')}?serverSeq=0&limit=1000`,
        pullResponseSchema('members'),
        {},
        transport,
      );
      const programs = await syncCall(
        this.endpoint,
        `${syncPaths.pull('programs')}?serverSeq=0&limit=1000`,
        pullResponseSchema('programs'),
        {},
        transport,
      );
      this.members = new Map(members.documents.filter((d) => !d._deleted).map((d) => [d.memberId, d]));
      this.programs = this.compiler.compile(programs.documents as ProgramDoc[]);
      this.syncedAt = nowMs;
      this.live = true;
    } catch {
      this.live = false;
    }
    return this.live;
  }

  /** The shopper's member, when they are one (half of them); undefined when the replica lacks them. */
  pickMember(shopper: Prng, ids: readonly string[]): MemberDoc | undefined {
    if (shopper.int(0, 1) === 0) return undefined;
    return this.members.get(shopper.pick(ids));
  }

  /**
   * The balance this till shows for a member account (the balance rule over its own journal).
   * PLANTED BUG `count-synced-twice`: the till forgets appliedThrough and counts every one of its
   * events as local, also those the server's balance already holds.
   */
  shown(
    account: BalanceAccount,
    memberId: string,
    terminalId: string,
    journal: readonly JournalDoc[],
  ): number {
    const a = this.bug === 'count-synced-twice' ? { ...account, appliedThrough: {} } : account;
    return shownBalance(a, memberId, terminalId, journal as unknown as LocalLoyaltyEvent[]).spendable;
  }

  /**
   * "Complete sale" of a basket as the renderer does it: the engine's evaluation at the sale's
   * moment, with a points tender when the shopper wants one — at most what the member may redeem
   * (the balance rule, the basket's due), within the offline caps or allowed by a manager's
   * override (a `manager-override` event written first) — then spendOutcome's loyalty block.
   */
  async checkout(q: {
    shopper: Prng;
    basket: Basket;
    saleId: string;
    nowMs: number;
    store: StoreSettings;
    terminalId: string;
    member: MemberDoc | undefined;
    products: readonly ProductDoc[];
    journal: readonly JournalDoc[];
    writer: JournalWriter;
    /** An event id of the moment, from the seed (the override's). */
    newId: () => string;
    /** A coupon the shopper hands over, as the till's scanner classified it. */
    coupon?: ScannedCoupon;
  }): Promise<{ outcome: SaleLoyaltyOutcome; spend: Tender[]; override: JournalEvent | undefined }> {
    const { shopper, basket, saleId, nowMs, store, member } = q;
    const byId = new Map(q.products.map((p) => [p.id, p]));
    const identification: Identification | null = member
      ? { kind: 'member', memberId: member.memberId, via: 'card', card: member.cards[0] ?? null }
      : null;
    // As CheckoutScreen's useMemberForRules: the rules see this till's unsynced sales of the member.
    const ruleDoc = member
      ? withUnsyncedSales(member, q.terminalId, q.journal as unknown as LocalEvent[])
      : undefined;
    const evaluateAt = (pointsPaidCents: number): Evaluation =>
      evaluateSale({
        saleId,
        currency: store.currency,
        lines: basket.lines,
        product: (id) => byId.get(id),
        identification,
        memberDoc: ruleDoc,
        programs: this.programs,
        store,
        at: nowMs,
        coupons: state.coupons.map((c) => c.code),
        pointsPaidCents,
      });
    let state: SpendState = EMPTY_SPEND;
    // As useSpend: a coupon this till's journal already used is refused at the scan.
    // PLANTED BUG `forget-used-coupons`: the till does not look in its journal.
    if (q.coupon) {
      if (this.bug !== 'forget-used-coupons' && couponsUsedIn(q.journal).has(q.coupon.code))
        this.couponsRefused++;
      else state = spendReducer(state, { type: 'coupon', coupon: q.coupon });
    }
    let evaluation = evaluateAt(0);
    let override: JournalEvent | undefined;
    const rate = pointsRateOf(this.programs);
    const wantsPoints = shopper.int(0, 9) < 5;
    if (member && rate && wantsPoints) {
      const due = spendView(state, basket.lines, evaluation, this.programs, true).toPayCents;
      const account =
        this.bug === 'count-synced-twice' ? { ...member, appliedThrough: {} } : (member as BalanceAccount);
      const redeemable = redeemablePoints({
        account,
        memberId: member.memberId,
        terminalId: q.terminalId,
        events: q.journal as unknown as LocalLoyaltyEvent[],
        pendingPrograms: pendingProgramIds(this.programs),
        reservedPoints: 0,
      });
      const most = Math.min(redeemable, pointsForCents(due, rate));
      const points = most > 0 ? shopper.int(Math.ceil(most / 2), most) : 0;
      const amountCents = centsForPoints(points, rate);
      if (points > 0 && amountCents > 0 && amountCents <= due) {
        const day = businessDayOf(nowMs, store.timeZone);
        const verdict = pointsCap(
          {
            store,
            terminalId: q.terminalId,
            nowMs,
            online: this.live,
            replicaAgeMs: this.syncedAt === null ? null : Math.max(0, nowMs - this.syncedAt),
            journal: q.journal.filter((e) => e.businessDay === day),
            memberId: member.memberId,
            heldPoints: 0,
          },
          points,
        );
        let overrideId: string | undefined;
        // Over the cap: half the time a manager allows it (the override event comes first).
        if (!verdict.ok && shopper.int(0, 1) === 0) {
          override = await q.writer.append((head) =>
            buildOverrideEvent(
              {
                action: 'redeem-over-cap',
                eventId: saleId,
                memberId: member.memberId,
                description: `Points tender (${points} points)`,
                requested: points,
                limit: verdict.limit,
                unit: 'points',
                why: message('spend.cap.member-cap'),
              },
              MANAGER,
              'simulated shopper',
              {
                id: q.newId(),
                terminalId: q.terminalId,
                store,
                seq: head.seq + 1,
                prevHash: head.hash,
                nowMs,
              },
            ),
          );
          overrideId = override.id;
        }
        if (verdict.ok || overrideId) {
          state = spendReducer(state, {
            type: 'points',
            tender: { points, amountCents, ...(overrideId ? { overrideId } : {}) },
          });
          evaluation = evaluateAt(amountCents);
        }
      }
    }
    let outcome = spendOutcome({
      state,
      lines: basket.lines,
      evaluation,
      identification,
      programs: this.programs,
      saleId,
    });
    if (state.points && state.points.amountCents > (outcome.toPayCents ?? outcome.totalCents)) {
      // Paying with points changed what is due below the points tender: no points, as the till refuses.
      state = spendReducer(state, { type: 'points', tender: null });
      evaluation = evaluateAt(0);
      outcome = spendOutcome({
        state,
        lines: basket.lines,
        evaluation,
        identification,
        programs: this.programs,
        saleId,
      });
    }
    return { outcome, spend: spendTenders(state), override };
  }
}
