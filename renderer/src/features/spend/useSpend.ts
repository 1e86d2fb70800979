import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createIdFactory } from '../../../../core/ids';
import type { JournalEvent } from '../../../../core/journal';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { CapVerdict } from '../../../../core/loyalty/offline-policy';
import { centsForPoints, pointsRateOf, type PointsRate } from '../../../../core/loyalty/points-rate';
import { applyReward, type RedeemingMember } from '../../../../core/loyalty/redemption';
import { issueVoucherCode } from '../../../../core/loyalty/code-issue';
import {
  MAX_VOUCHER_CENTS,
  VOUCHER_UNIT_CENTS,
  voucherCampaign,
} from '../../../../core/loyalty/voucher-code';
import { formatMoney, type Cents } from '../../../../core/money';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan';
import { COUPON_FORMAT_ID } from '../../../../core/sync/terminal-keys';
import { codeKeysOf } from '../checkout/interpret-scan';
import type { Reward } from '../../../../core/loyalty/reward';
import { redeemablePoints } from '../../../../core/loyalty/spendable';
import type { CompiledProgram, Evaluation } from '../../../../core/rules';
import { businessDayOf, type StoreSettings } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import type { BasketLine } from '../checkout/basket';
import type { CodeScan } from '../checkout/useCheckout';
import { useManagerOverride } from '../manager/useManagerOverride';
import type { Identification } from '../members/identify';
import { capMessage, pointsCap, type CapQuestion } from './spend-caps';
import { redeemLinesOf, spendView, type SpendView } from './spend-outcome';
import { redemptionDiscounts, reservedPoints, spendTenderedCents, type SpendState } from './spend-state';
import type { SpendLink, SpendStateHandle } from './useSpendState';
import { couponsUsedIn } from './used-codes';
import { voucherScanRefusal } from './voucher-scan';
import { redeemingMemberOf } from './redeeming-member';
import { useGiftCardTender, type GiftCardTenderControls } from './useGiftCardTender';
import { usePointsTransfer, type TransferControls } from './usePointsTransfer';
import { replicaAgeAt } from '../../sync/sync-status';

export interface Spend {
  state: SpendState;
  view: SpendView;
  /** What the member may still redeem, the open basket's reservations taken off (null: no member). */
  redeemable: number | null;
  /** The points rate of the store's programs (null: points cannot pay here). */
  rate: PointsRate | null;
  /** What is left to pay after the points and gift cards. */
  restCents: number;
  notice: Translatable | null;
  applyReward(reward: Reward): Promise<void>;
  removeReward(redemptionId: string): void;
  payWithPoints(points: number): Promise<boolean>;
  clearPoints(): void;
  removeCoupon(code: string): void;
  /** Paying part with a gift card or store credit. */
  giftCard: GiftCardTenderControls;
  /** Giving points to another member. */
  transfer: TransferControls;
  /** Render once: the manager's PIN dialog for an override. */
  dialog: ReactNode;
}

interface Inputs {
  session: TerminalSession;
  store: StoreSettings;
  handle: SpendStateHandle;
  link: SpendLink;
  saleId: string;
  lines: readonly BasketLine[];
  evaluation: Evaluation;
  programs: readonly CompiledProgram[];
  identification: Identification | null;
  memberDoc: MemberDoc | undefined;
  /** This till's journal events the server has not folded for the member (useUnsyncedEvents). */
  unsynced: readonly JournalEvent[];
  /** The replica's member of a card (the receiver of a points transfer). */
  byCard?(card: string): MemberDoc | undefined;
  clock?: () => number;
}

/** The spend feature of the open sale: rewards, points tender, coupons, within the balance and the offline policy. */
export function useSpend(q: Inputs): Spend {
  const { session, store, handle, link, saleId, lines, evaluation, programs, identification, memberDoc } = q;
  const { clock = Date.now, unsynced } = q;
  const { state, dispatch } = handle;
  const override = useManagerOverride(session, store);
  const [notice, setNotice] = useState<Translatable | null>(null);
  const newId = useMemo(() => createIdFactory(), []);
  const memberId = identification?.kind === 'member' ? identification.memberId : null;

  const view = useMemo(
    () => spendView(state, lines, evaluation, programs, identification !== null),
    [evaluation, identification, lines, programs, state],
  );
  const rate = useMemo(() => pointsRateOf(programs), [programs]);
  const pendingPrograms = useMemo(
    () => new Set(programs.filter((c) => (c.program.pendingDays ?? 0) > 0).map((c) => c.program.id)),
    [programs],
  );
  const reserved = reservedPoints(state);
  const redeemable =
    memberDoc && memberId
      ? redeemablePoints({
          account: memberDoc,
          memberId,
          terminalId: session.terminalId,
          events: unsynced,
          pendingPrograms,
          reservedPoints: reserved,
        })
      : null;

  /** The caps question now: this till's journal of the day, what the basket already holds. */
  const capQuestion = useCallback(async (): Promise<CapQuestion> => {
    const nowMs = clock();
    const day = businessDayOf(nowMs, store.timeZone);
    const docs = (await session.db.journal.find({ selector: { businessDay: day } }).exec()).map((d) =>
      d.toJSON(),
    );
    const status = session.status.get();
    return {
      store,
      terminalId: session.terminalId,
      nowMs,
      online: status.online === true,
      replicaAgeMs: replicaAgeAt(status.lastSyncAt, nowMs),
      journal: docs,
      memberId,
      heldPoints: reserved,
    };
  }, [clock, memberId, reserved, session, store]);

  /** Within the caps, or a manager's override id; undefined when refused (the notice says why). */
  const allowPoints = useCallback(
    async (requested: number, description: string): Promise<{ overrideId?: string } | undefined> => {
      const verdict: CapVerdict = pointsCap(await capQuestion(), requested);
      if (verdict.ok) return {};
      const why = capMessage(verdict, store);
      setNotice(why);
      const id = await override.request({
        action: 'redeem-over-cap',
        eventId: saleId,
        memberId,
        description,
        requested,
        limit: verdict.limit,
        unit: 'points',
        why,
      });
      if (!id) return undefined;
      setNotice(null);
      return { overrideId: id };
    },
    [capQuestion, memberId, override, saleId, store],
  );

  const member = useMemo(
    (): RedeemingMember | null =>
      memberDoc && memberId ? redeemingMemberOf(memberDoc, session.terminalId, unsynced, state) : null,
    [memberDoc, memberId, session.terminalId, state, unsynced],
  );

  /**
   * A voucher's code: the next serial of this till's code range, its value in the campaign
   * (core/loyalty/voucher-code.ts), signed; null without a range.
   */
  const reserveVoucherCode = useCallback(
    async (valueCents: number) => {
      const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === COUPON_FORMAT_ID);
      const keys = codeKeysOf(session.keys, store)(COUPON_FORMAT_ID);
      if (!format || keys.length === 0) return null;
      const serial = await session.codeRange.next();
      if (!serial.ok) return null;
      const code = issueVoucherCode({ ...format, keys }, valueCents, serial.serial);
      return code.ok ? { code: code.value, formatId: format.id } : null;
    },
    [session, store],
  );

  const doApplyReward = useCallback(
    async (reward: Reward) => {
      // What is left on each line after the programs and the rewards already applied.
      const dues = redeemLinesOf(lines, evaluation);
      const { byLine } = redemptionDiscounts(state, dues);
      const held = dues.map((l) => ({ ...l, dueCents: Math.max(0, l.dueCents - (byLine[l.lineId] ?? 0)) }));
      const nowMs = clock();
      // A voucher whose value a code cannot carry is refused before a serial is spent on it.
      if (reward.kind.type === 'voucher' && !voucherCampaign(reward.kind.amountCents).ok) {
        const money = (c: number) => formatMoney(c as Cents, store.currency, store.locale);
        setNotice(
          message('spend.refused.voucher-value', {
            unit: money(VOUCHER_UNIT_CENTS),
            max: money(MAX_VOUCHER_CENTS),
          }),
        );
        return;
      }
      const applied = applyReward({
        saleId,
        redemptionId: newId(nowMs),
        reward,
        lines: held,
        member,
        redeemablePoints: redeemable ?? 0,
        store,
        at: nowMs,
        voucherCode:
          reward.kind.type === 'voucher' ? await reserveVoucherCode(reward.kind.amountCents) : null,
      });
      if (!applied.ok) {
        setNotice(message(`spend.refused.${applied.reason}`));
        return;
      }
      const cost = applied.value.redemption.currency === 'points' ? applied.value.redemption.points : 0;
      const allowed = cost > 0 ? await allowPoints(cost, `${reward.name} (${cost} points)`) : {};
      if (!allowed) return;
      setNotice(null);
      dispatch({ type: 'redeem', held: { reward, applied: applied.value, ...allowed } });
    },
    [
      allowPoints,
      clock,
      dispatch,
      evaluation,
      lines,
      member,
      newId,
      redeemable,
      reserveVoucherCode,
      saleId,
      state,
      store,
    ],
  );

  const payWithPoints = useCallback(
    async (points: number) => {
      if (!memberId || redeemable === null) {
        setNotice(message('spend.points.noMember'));
        return false;
      }
      if (!rate || !Number.isSafeInteger(points) || points <= 0) {
        setNotice(message('spend.points.invalid'));
        return false;
      }
      // The points already on the tender are being replaced, so they count as redeemable again.
      const available = redeemable + (state.points?.points ?? 0);
      if (points > available) {
        setNotice(message('spend.points.tooMany', { points: available.toLocaleString(store.locale) }));
        return false;
      }
      const amountCents = centsForPoints(points, rate);
      const others = spendTenderedCents(state) - (state.points?.amountCents ?? 0);
      if (amountCents <= 0 || amountCents > view.toPayCents - others) {
        setNotice(message('spend.points.moreThanDue'));
        return false;
      }
      const extra = points - (state.points?.points ?? 0);
      const allowed = extra > 0 ? await allowPoints(extra, `Points tender (${points} points)`) : {};
      if (!allowed) return false;
      setNotice(null);
      dispatch({ type: 'points', tender: { points, amountCents, ...allowed } });
      return true;
    },
    [allowPoints, dispatch, memberId, rate, redeemable, state, store.locale, view.toPayCents],
  );

  const restCents = Math.max(0, view.toPayCents - spendTenderedCents(state));
  const giftCard = useGiftCardTender({
    session,
    store,
    state,
    dispatch,
    saleId,
    restCents,
    setNotice,
    requestOverride: override.request,
    clock,
  });
  const checkGiftCard = giftCard.check;
  const transfer = usePointsTransfer({
    session,
    store,
    giverId: memberId,
    redeemable,
    byCard: q.byCard ?? noMember,
    allowPoints,
    setNotice,
    clock,
  });

  // Coupons: verified by the scan; refused here when this till or this basket already used them.
  // A gift card scanned goes to the tender, its balance looked up.
  const formatDate = useCallback(
    (ms: number) =>
      new Intl.DateTimeFormat(store.locale, { timeZone: store.timeZone, dateStyle: 'medium' }).format(ms),
    [store.locale, store.timeZone],
  );
  const onCode = useCallback(
    async (scan: CodeScan) => {
      if (scan.type !== 'coupon') {
        await checkGiftCard(scan.code);
        return;
      }
      if (state.coupons.some((c) => c.code === scan.code)) {
        setNotice(message('spend.coupon.inBasket', { code: scan.code }));
        return;
      }
      const docs = (await session.db.journal.find({ selector: { type: 'sale' } }).exec()).map((d) =>
        d.toJSON(),
      );
      if (couponsUsedIn(docs).has(scan.code)) {
        setNotice(message('spend.coupon.usedHere', { code: scan.code }));
        return;
      }
      const refused = voucherScanRefusal({ scan, state, journal: docs, at: clock(), formatDate });
      if (refused) {
        setNotice(refused);
        return;
      }
      setNotice(null);
      dispatch({
        type: 'coupon',
        coupon: { code: scan.code, formatId: scan.formatId, campaign: scan.campaign },
      });
    },
    [checkGiftCard, clock, dispatch, formatDate, session, state],
  );
  useEffect(() => {
    link.route((s) => void onCode(s));
  }, [link, onCode]);

  return {
    state,
    view,
    redeemable,
    rate,
    restCents,
    giftCard,
    transfer,
    notice,
    applyReward: doApplyReward,
    removeReward: (redemptionId) => dispatch({ type: 'unredeem', redemptionId }),
    payWithPoints,
    clearPoints: () => dispatch({ type: 'points', tender: null }),
    removeCoupon: (code) => dispatch({ type: 'uncoupon', code }),
    dialog: override.dialog,
  };
}

const noMember = (): undefined => undefined;
