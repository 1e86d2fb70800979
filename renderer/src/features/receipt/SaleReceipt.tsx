import { signClaimToken } from '../../../../core/loyalty/claim-token';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { SaleEvent } from '../../../../core/journal';
import type { CompiledProgram, Evaluation } from '../../../../core/rules';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';
import { useTranslation } from '../../i18n';
import type { Identification } from '../members/identify';
import { tierNextText } from '../members/tier-progress-text';
import { useShownBalance } from '../members/useShownBalance';
import { useTierProgress } from '../members/useTierProgress';
import { receiptOf } from './receipt';
import { ReceiptView } from './ReceiptView';

/** A sale just written, with what the receipt needs of the moment it was completed. */
export interface CompletedSale {
  sale: SaleEvent;
  evaluation: Evaluation | null;
  identification: Identification | null;
  /** The member's document at completion (the replica's, or the one built at enrolment). */
  memberDoc: MemberDoc | undefined;
}

/**
 * The receipt of a completed sale: the member's new balance by the balance rule (their document
 * and this till's events, this sale included), so it is the number the panel will show.
 */
export function SaleReceipt({
  session,
  store,
  completed,
  latestDoc,
  programs,
  onClose,
}: {
  session: TerminalSession;
  store: StoreSettings;
  completed: CompletedSale;
  /** The member's document as the replica has it now (a pull may have replaced it). */
  latestDoc: MemberDoc | undefined;
  /** The compiled programs in force: the tier ladder the progress line counts on. */
  programs: readonly CompiledProgram[];
  onClose(): void;
}) {
  const { t } = useTranslation();
  const doc = latestDoc ?? completed.memberDoc;
  const balance = useShownBalance(session, doc);
  // This sale is in the till's journal now, so the unsynced events already count it.
  const tierProgress = useTierProgress(session, doc, programs, store);
  const id = completed.identification;
  const name = !id
    ? null
    : (doc?.displayName ??
      t('members.card', { card: id.kind === 'provisional' ? id.card : (id.card ?? id.memberId) }));
  const receipt = receiptOf(
    completed.sale,
    completed.evaluation,
    store,
    name === null
      ? null
      : { name, balance, tierNext: tierNextText(t, tierProgress, store.currency, store.locale) },
  );
  // A sale without a member: its points can be claimed later, with the member's own figures.
  const { sale } = completed;
  const claimToken = id
    ? undefined
    : signClaimToken(
        { storeId: sale.storeId, terminalId: sale.terminalId, saleId: sale.id },
        session.claimKey,
      );
  return <ReceiptView receipt={receipt} locale={store.locale} claimToken={claimToken} onClose={onClose} />;
}
