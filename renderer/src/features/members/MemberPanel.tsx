import { useState } from 'react';
import type { ShownBalance } from '../../../../core/loyalty/balance-rule';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import { referralCodeOf } from '../../../../core/loyalty/referral-code';
import type { MemberRewards } from './member-rewards';
import { RewardsList, type RewardActions } from '../spend/RewardsList';
import { TransferForm } from '../spend/TransferForm';
import type { TransferControls } from '../spend/usePointsTransfer';
import type { TierProgress } from './tier-progress';
import { tierRemainingText } from './tier-progress-text';
import { translate, useTranslation } from '../../i18n';
import type { Identification } from './identify';
import type { Members } from './useMembers';

const points = (n: number, locale: string) => n.toLocaleString(locale);

function who(id: Identification, doc: MemberDoc | undefined, t: ReturnType<typeof useTranslation>['t']) {
  if (doc) return doc.displayName;
  return t('members.card', { card: id.kind === 'provisional' ? id.card : (id.card ?? id.memberId) });
}

/**
 * The member of the sale: masked name, tier, spendable balance (the balance rule), pending points,
 * stamps, challenges and badges, their own referral code to give a friend; replace (after a question) and remove; find by phone number.
 */
export function MemberPanel({
  members,
  balance,
  locale,
  currency,
  tierProgress = null,
  rewards = null,
  rewardActions = null,
  transfer = null,
}: {
  members: Members;
  balance: ShownBalance | undefined;
  locale: string;
  currency: string;
  /** The way to the next tier (tier-progress.ts), when the till can tell. */
  tierProgress?: TierProgress | null;
  /** What the member can redeem now, the next reward within reach, what their programs unlocked. */
  rewards?: MemberRewards | null;
  /** Apply and remove rewards on the open sale; without it the rewards are only shown. */
  rewardActions?: RewardActions | null;
  /** Giving points to another member (features/spend); without it not offered. */
  transfer?: TransferControls | null;
}) {
  const { t } = useTranslation();
  const { attached, confirm, notice } = members.state;
  const doc = members.attachedDoc;
  return (
    <section className="member-panel" data-testid="member-panel" aria-label={t('members.title')}>
      {notice && (
        <p className="message info" role="status" data-testid="member-notice">
          {translate(t, notice)}
        </p>
      )}
      {confirm && attached && (
        <div className="member-confirm" role="alertdialog" data-testid="member-replace-confirm">
          <p>
            {t('members.replaceQuestion', {
              current: who(attached, doc, t),
              next: who(confirm, members.confirmDoc, t),
            })}
          </p>
          <button type="button" data-testid="member-replace-yes" onClick={members.confirmReplace}>
            {t('members.replace')}
          </button>
          <button type="button" data-testid="member-replace-no" onClick={members.cancelReplace}>
            {t('members.keep')}
          </button>
        </div>
      )}
      {attached ? (
        <div
          className="member"
          data-testid="member"
          data-member-id={attached.kind === 'member' ? attached.memberId : ''}
        >
          <p>
            <strong data-testid="member-name">{who(attached, doc, t)}</strong>
            {attached.card && (
              <span className="member-card" data-testid="member-card">
                {' '}
                {attached.card}
              </span>
            )}
            {doc?.phoneLast3 && <span> · {t('members.phoneEnding', { last3: doc.phoneLast3 })}</span>}
          </p>
          {attached.kind === 'provisional' && (
            <p data-testid="member-provisional">{t('members.provisional')}</p>
          )}
          {attached.kind === 'member' && !doc && <p>{t('members.notInReplica')}</p>}
          {doc && (
            <dl className="member-figures">
              <dt>{t('members.tier')}</dt>
              <dd data-testid="member-tier">{doc.tier ?? t('members.noTier')}</dd>
              {tierProgress?.kind === 'progress' && tierProgress.next && (
                <dd
                  className="member-tier-progress"
                  data-testid="member-tier-progress"
                  data-remaining={tierProgress.next.remaining}
                >
                  <progress max={10_000} value={tierProgress.next.progressBp} />{' '}
                  {t('members.tierNext', {
                    amount: tierRemainingText(t, tierProgress, tierProgress.next.remaining, currency, locale),
                    tier: tierProgress.next.tier,
                  })}
                </dd>
              )}
              {tierProgress?.kind === 'progress' && tierProgress.next && tierProgress.afterSale && (
                <dd
                  className="member-tier-after-sale"
                  data-testid="member-tier-after-sale"
                  data-tier={tierProgress.afterSale.tier}
                  data-remaining={tierProgress.afterSale.next?.remaining ?? 0}
                >
                  {/* The tier it aims at moved up: this sale reaches a tier. */}
                  {tierProgress.afterSale.next?.tier !== tierProgress.next.tier ||
                  !tierProgress.afterSale.next
                    ? t('members.tierAfterSaleReached', { tier: tierProgress.afterSale.tier })
                    : t('members.tierAfterSale', {
                        amount: tierRemainingText(
                          t,
                          tierProgress,
                          tierProgress.afterSale.next.remaining,
                          currency,
                          locale,
                        ),
                        tier: tierProgress.afterSale.next.tier,
                      })}
                </dd>
              )}
              {tierProgress?.kind === 'unknown' && (
                <dd className="member-tier-unknown" data-testid="member-tier-unknown">
                  {t(`members.tierUnknown.${tierProgress.reason}`)}
                </dd>
              )}
              <dt>{t('members.balance')}</dt>
              <dd data-testid="member-balance" data-points={balance?.spendable ?? doc.balance}>
                {points(balance?.spendable ?? doc.balance, locale)}
                {balance && balance.unsynced !== 0 && (
                  <small data-testid="member-unsynced" data-points={balance.unsynced}>
                    {' '}
                    ({t('members.unsynced', { points: points(balance.unsynced, locale) })})
                  </small>
                )}
              </dd>
              <dt>{t('members.pending')}</dt>
              <dd data-testid="member-pending">{points(doc.pendingPoints, locale)}</dd>
              {Object.keys(doc.counters.stamps).length > 0 && (
                <>
                  <dt>{t('members.stamps')}</dt>
                  <dd data-testid="member-stamps">
                    {Object.entries(doc.counters.stamps)
                      .map(([card, n]) => `${card}: ${n}`)
                      .join(', ')}
                  </dd>
                </>
              )}
              {Object.keys(doc.counters.challenges).length > 0 && (
                <>
                  <dt>{t('members.challenges')}</dt>
                  <dd data-testid="member-challenges">
                    {Object.entries(doc.counters.challenges)
                      .map(([c, n]) => `${c}: ${n}`)
                      .join(', ')}
                  </dd>
                </>
              )}
              {doc.counters.badges.length > 0 && (
                <>
                  <dt>{t('members.badges')}</dt>
                  <dd data-testid="member-badges">{doc.counters.badges.join(', ')}</dd>
                </>
              )}
              {referralCodeOf(doc.memberId) && (
                <>
                  <dt>{t('members.referralCode')}</dt>
                  <dd data-testid="member-referral-code">{referralCodeOf(doc.memberId)}</dd>
                </>
              )}
            </dl>
          )}
          {doc && rewards && (
            <RewardsList rewards={rewards} locale={locale} currency={currency} actions={rewardActions} />
          )}
          {doc && transfer && <TransferForm transfer={transfer} />}
          <button type="button" data-testid="member-remove" onClick={members.remove}>
            {t('members.remove')}
          </button>
        </div>
      ) : (
        <PhoneFind onFind={members.findByPhone} />
      )}
    </section>
  );
}

function PhoneFind({ onFind }: { onFind(typed: string): boolean }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  return (
    <form
      className="member-find"
      onSubmit={(e) => {
        e.preventDefault();
        if (typed.trim() && onFind(typed)) setTyped('');
      }}
    >
      <label>
        {t('members.phoneLabel')}{' '}
        <input
          type="tel"
          data-testid="member-phone"
          value={typed}
          placeholder={t('members.phonePlaceholder')}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="member-phone-find">
        {t('members.phoneFind')}
      </button>
    </form>
  );
}
