import { useCallback, useEffect, useMemo, useState } from 'react';
import { cents, formatMoney } from '../../../../core/money';
import type { Tender } from '../../../../core/journal';
import type { KassaHost } from '../../../../core/bridge/kassa-host';
import { translate, useTranslation } from '../../i18n';
import type { TerminalSession } from '../../session/terminal-session';
import { useWedgeScanner } from '../../scanning/useWedgeScanner';
import { SyncIndicator } from '../sync-status/SyncIndicator';
import { DeviceStatus } from '../devices/DeviceStatus';
import { useStoreSettings } from '../store-settings/useStoreSettings';
import { BasketLines } from './BasketLines';
import { ScanEntry } from './ScanEntry';
import { TenderPanel } from './TenderPanel';
import { roundUpChoiceOf } from './round-up-choice';
import { LoyaltySummary } from '../members/LoyaltySummary';
import { MemberPanel } from '../members/MemberPanel';
import { saleDonationsOf } from '../members/sale-loyalty';
import { useLiveEvaluation, useLoyaltyInputs } from '../members/useLoyalty';
import { useMembers } from '../members/useMembers';
import { useMemberRewards } from '../members/useMemberRewards';
import { useShownBalance } from '../members/useShownBalance';
import { useMemberForRules } from '../members/useMemberForRules';
import { useTierProgress } from '../members/useTierProgress';
import { SaleReceipt, type CompletedSale } from '../receipt/SaleReceipt';
import { EnrolmentPanel } from '../enrolment/EnrolmentPanel';
import { useEnrolment } from '../enrolment/useEnrolment';
import { useCheckout, type MemberScan } from './useCheckout';
import { SpendSummary } from '../spend/SpendSummary';
import { spendTenders } from '../spend/spend-state';
import { useSpend } from '../spend/useSpend';
import { useSpendLink, useSpendState } from '../spend/useSpendState';
import { useUnsyncedEvents } from '../members/useUnsyncedEvents';
import { useManagerOverride } from '../manager/useManagerOverride';
import { OverLimitPrompt } from '../manager/OverLimitPrompt';
import { BasketActions } from '../basket-store/BasketActions';
import { ReturnsScreen } from '../returns/ReturnsScreen';
import { useReturnsEntry } from '../returns/useReturnsEntry';
import { ManagerModeButton } from '../manager-mode/ManagerModeButton';

export function CheckoutScreen({
  session,
  host,
  listening = true,
  onOpenDevices,
}: {
  session: TerminalSession;
  host: KassaHost;
  /** False while another screen (the devices test bench) has the scanners: the basket takes none. */
  listening?: boolean;
  onOpenDevices?: () => void;
}) {
  const { t } = useTranslation();
  const store = useStoreSettings(session);
  const members = useMembers(session, store);
  const { attached } = members.state;
  // The rules see this till's unsynced sales of the member too (a second offline sale, a 10th stamp).
  const ruleDoc = useMemberForRules(session, members.attachedDoc);
  const loyaltyInputs = useLoyaltyInputs(session, store, attached, ruleDoc);
  const enrolment = useEnrolment(session, store, members);
  const { open: enrolling, cardScanned } = enrolment;
  const { scanned } = members;
  // While the enrolment form is open, a card scanned from the stock fills its card field.
  const onMemberScan = useCallback(
    (s: MemberScan) => {
      if (!enrolling) scanned(s);
      else if (s.type === 'member-card') cardScanned(s.cardNumber);
    },
    [cardScanned, enrolling, scanned],
  );
  const returnsEntry = useReturnsEntry();
  const managerOverride = useManagerOverride(session, store);
  const saleMember = useMemo(() => ({ attached, restore: members.restore }), [attached, members.restore]);
  // What the sale spends (rewards, points, coupons): "complete sale" writes it with the sale.
  const spendLink = useSpendLink(loyaltyInputs, attached);
  const checkout = useCheckout(session, store, {
    onCodeScan: spendLink.onCodeScan,
    member: saleMember,
    managerOverride,
    onMemberScan,
    onReceiptScan: returnsEntry.receiptScanned,
    memberScanContext: members.scanContext,
    finaliseLoyalty: spendLink.finalise,
  });
  const spendState = useSpendState(
    checkout.state.extra,
    checkout.setExtra,
    attached?.kind === 'member' ? attached.memberId : (attached?.card ?? null),
    spendLink,
  );
  const evaluation = useLiveEvaluation(
    loyaltyInputs,
    store,
    checkout.state.basket,
    checkout.saleId,
    attached,
    ruleDoc,
    undefined,
    checkout.state.flags,
    spendState.engineInputs,
  );
  const unsynced = useUnsyncedEvents(session, members.attachedDoc);
  const spend = useSpend({
    session,
    store,
    handle: spendState,
    link: spendLink,
    saleId: checkout.saleId,
    lines: checkout.state.basket.lines,
    evaluation,
    programs: loyaltyInputs.programs,
    identification: attached,
    memberDoc: members.attachedDoc,
    unsynced,
    byCard: members.index.byCard,
  });
  const balance = useShownBalance(session, members.attachedDoc);
  const tierProgress = useTierProgress(
    session,
    members.attachedDoc,
    loyaltyInputs.programs,
    store,
    evaluation,
  );
  // The rewards within reach are those the points the basket has not reserved yet can buy.
  const redeemableBalance = useMemo(
    () => (balance && spend.redeemable !== null ? { ...balance, spendable: spend.redeemable } : balance),
    [balance, spend.redeemable],
  );
  const rewards = useMemberRewards(
    session,
    members.attachedDoc,
    redeemableBalance,
    store,
    loyaltyInputs.programs,
  );
  const { currency, locale, name } = store;
  const { complete: completeSale } = checkout;
  const { saleCompleted, attachedDoc } = members;
  const [completed, setCompleted] = useState<CompletedSale | null>(null);
  const complete = useCallback(
    async (payment: readonly Tender[]) => {
      const done = await completeSale(payment);
      if (!done) return false;
      setCompleted({ ...done, identification: attached, memberDoc: attachedDoc });
      saleCompleted();
      return true;
    },
    [attached, attachedDoc, completeSale, saleCompleted],
  );
  const toPay = cents(spend.view.totalCents);
  const { setFlag } = checkout;
  const roundUp = useMemo(
    () => roundUpChoiceOf(loyaltyInputs.programs, evaluation, checkout.state.flags, setFlag),
    [checkout.state.flags, evaluation, loyaltyInputs.programs, setFlag],
  );
  const discount = evaluation.totals.discountCents + spend.view.rewardCents;
  const { scan } = checkout;

  // Wedge scans from the keyboard, wherever the focus is, and scans from the host's devices
  // take the same route.
  useWedgeScanner((text) => void scan(text, 'wedge'), { enabled: listening });
  useEffect(
    () => (listening ? host.onScan((s) => void scan(s.text, s.source, s.symbology)) : undefined),
    [host, scan, listening],
  );

  const { basket, message } = checkout.state;
  // The receipt stays until it is closed or the next sale starts (state adjusted while rendering,
  // as React's "you might not need an effect" advises, so it never flashes back).
  const started = basket.lines.length > 0;
  if (started && completed) setCompleted(null);
  return (
    <div className="till">
      <header className="till-header">
        <h1 data-testid="store-name">{name}</h1>
        <DeviceStatus host={host} />
        {onOpenDevices && (
          <button type="button" data-testid="devices-open" onClick={onOpenDevices}>
            {t('devices.title')}
          </button>
        )}
        <button
          type="button"
          data-testid="returns-open"
          disabled={started}
          title={started ? t('returns.finishSaleFirst') : undefined}
          onClick={returnsEntry.show}
        >
          {t('returns.open')}
        </button>
        <ManagerModeButton session={session} store={store} disabled={started} />
        <SyncIndicator status={session.status} locale={locale} />
      </header>
      <main className="till-main">
        <section className="till-basket" aria-label={t('checkout.basket')}>
          <ScanEntry onSubmit={(code) => void scan(code, 'manual')} />
          <div
            className={`message ${message?.kind ?? ''}`}
            data-testid="checkout-message"
            role={message?.kind === 'error' ? 'alert' : 'status'}
          >
            {message && translate(t, message.text)}
          </div>
          <MemberPanel
            members={members}
            balance={balance}
            locale={locale}
            currency={currency}
            tierProgress={tierProgress}
            rewards={rewards}
            rewardActions={{
              applied: spend.state.redemptions.map((r) => ({
                redemptionId: r.applied.redemption.redemptionId,
                name: r.reward.name,
                points: r.applied.redemption.points,
                offCents: spend.view.rewardOff[r.applied.redemption.redemptionId] ?? 0,
              })),
              redeemable: spend.redeemable,
              apply: (r) => void spend.applyReward(r),
              remove: spend.removeReward,
            }}
            transfer={spend.transfer}
          />
          <SpendSummary spend={spend} currency={currency} locale={locale} />
          {!attached && <EnrolmentPanel enrolment={enrolment} />}
          <BasketLines
            lines={basket.lines}
            currency={currency}
            locale={locale}
            onIncrement={checkout.increment}
            onDecrement={checkout.decrement}
            onRemove={checkout.voidLine}
            onSetQuantity={checkout.setQuantity}
            onInvalidQuantity={checkout.showError}
            discounts={spend.view.lineDiscounts}
          />
          <OverLimitPrompt
            overLimit={checkout.state.overLimit}
            currency={currency}
            locale={locale}
            onAsk={() => void checkout.askManager()}
            onDismiss={checkout.dismissOverLimit}
          />
          <BasketActions
            openLines={basket.lines.length}
            parked={checkout.parked}
            currency={currency}
            locale={locale}
            timeZone={store.timeZone}
            enabled={!checkout.busy}
            onVoidSale={checkout.voidSale}
            onPark={checkout.park}
            onRecall={checkout.recall}
          />
          {discount > 0 && (
            <>
              <p className="subtotal">
                {t('checkout.subtotal')}{' '}
                <span data-testid="basket-subtotal">{formatMoney(checkout.total, currency, locale)}</span>
              </p>
              <p className="discount">
                {t('checkout.discount')}{' '}
                <span data-testid="basket-discount">−{formatMoney(cents(discount), currency, locale)}</span>
              </p>
            </>
          )}
          <p className="total">
            {t('checkout.total')}{' '}
            <strong data-testid="basket-total" data-cents={toPay}>
              {formatMoney(toPay, currency, locale)}
            </strong>
          </p>
          {(attached || evaluation.effects.length > 0 || evaluation.nearMisses.length > 0) && (
            <LoyaltySummary evaluation={evaluation} locale={locale} />
          )}
        </section>
        {returnsEntry.open && (
          <ReturnsScreen
            session={session}
            store={store}
            scanned={returnsEntry.scanned}
            onClose={returnsEntry.close}
          />
        )}
        {completed && !started && (
          <SaleReceipt
            session={session}
            store={store}
            completed={completed}
            latestDoc={
              completed.identification?.kind === 'member'
                ? members.index.byId(completed.identification.memberId)
                : undefined
            }
            programs={loyaltyInputs.programs}
            onClose={() => setCompleted(null)}
          />
        )}
        <TenderPanel
          total={cents(spend.view.toPayCents)}
          spendTenders={spendTenders(spend.state)}
          giftCard={spend.giftCard}
          points={
            spend.rate && spend.redeemable !== null
              ? {
                  redeemable: spend.redeemable,
                  rate: spend.rate,
                  tender: spend.state.points,
                  pay: spend.payWithPoints,
                  clear: spend.clearPoints,
                }
              : null
          }
          donations={saleDonationsOf(evaluation)}
          roundUp={roundUp}
          currency={currency}
          locale={locale}
          busy={checkout.busy}
          onComplete={complete}
          onError={checkout.showError}
        />
      </main>
      {managerOverride.dialog}
    </div>
  );
}
