import { useCallback, useMemo, useReducer, useState } from 'react';
import { createIdFactory } from '../../../../core/ids';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { message, type Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { interpretScan, scanConfigFor } from '../checkout/interpret-scan';
import { countryCodeFor } from '../members/identify';
import type { Members } from '../members/useMembers';
import { buildEnrolmentEvent, memberDocOfEnrolment } from './build-enrolment-event';
import {
  enrolmentFormReducer,
  INITIAL_ENROLMENT_FORM,
  validateEnrolment,
  type EnrolmentChecks,
  type EnrolmentField,
  type EnrolmentFormState,
} from './enrolment-form';

export interface Enrolment {
  open: boolean;
  form: EnrolmentFormState;
  busy: boolean;
  saveError: Translatable | null;
  start(): void;
  cancel(): void;
  change(field: EnrolmentField, value: string | boolean): void;
  /** A card scanned while the form is open: it fills the card field (and is checked at once). */
  cardScanned(card: string): void;
  /** The next number of this till's range as the member's card (reserved before it is shown). */
  issueNewNumber(): Promise<void>;
  /** Back to a card from the store's stock. */
  chooseStockCard(): void;
  /** Why no new number can be issued (range used up, or none yet), or null. */
  rangeProblem: Translatable | null;
  /** Writes the enrolment and attaches the new member to the open sale; false when refused. */
  submit(consentTextVersion: string): Promise<boolean>;
}

/**
 * Enrolment at the till, online or offline: the form's pure reducer (enrolment-form.ts) decides,
 * this hook writes ONE `enrolment` journal event through the journal writer and hands the new
 * member (a document built here, balance 0) to the members feature until the replica has them.
 */
export function useEnrolment(
  session: TerminalSession,
  store: StoreSettings,
  members: Pick<Members, 'index' | 'enrolled'>,
  clock: () => number = Date.now,
): Enrolment {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<Translatable | null>(null);
  const [rangeProblem, setRangeProblem] = useState<Translatable | null>(null);
  // The number reserved for this form: switching to stock and back shows it again, a new form
  // never does (card-range.ts keeps it spent across reloads).
  const [reserved, setReserved] = useState<string | null>(null);
  const [form, dispatch] = useReducer(enrolmentFormReducer, INITIAL_ENROLMENT_FORM);
  const newId = useMemo(() => createIdFactory(), []);
  const { index, enrolled } = members;

  const checks = useMemo<EnrolmentChecks>(() => {
    const scanConfig = scanConfigFor(store);
    return {
      countryCode: countryCodeFor(store.locale) ?? '',
      cardTaken: (card) => index.byCard(card) !== undefined,
      phoneTaken: (hash) => index.byPhoneHash(hash) !== undefined,
      isLoyaltyCard: (card) => interpretScan(card, scanConfig, clock(), 'manual').type === 'member-card',
    };
  }, [clock, index, store]);

  const close = useCallback(() => {
    setOpen(false);
    setSaveError(null);
    setRangeProblem(null);
    setReserved(null);
    dispatch({ type: 'reset' });
  }, []);

  const { cardRanges } = session;
  const issueNewNumber = useCallback(async () => {
    setRangeProblem(null);
    if (reserved) {
      dispatch({ type: 'card-issued', card: reserved });
      return;
    }
    const r = await cardRanges.reserve();
    if (!r.ok) {
      setRangeProblem(message(`enrol.range.${r.reason}` as 'enrol.range.used-up'));
      dispatch({ type: 'card-from-stock' });
      return;
    }
    setReserved(r.card);
    dispatch({ type: 'card-issued', card: r.card });
  }, [cardRanges, reserved]);

  const submit = useCallback(
    async (consentTextVersion: string) => {
      if (busy) return false;
      const valid = validateEnrolment(form.values, checks, form.cardSource);
      if (!valid.ok) {
        dispatch({ type: 'refused', errors: valid.detail ?? {} });
        return false;
      }
      setBusy(true);
      setSaveError(null);
      try {
        const nowMs = clock();
        const event = await session.journal.append((head) =>
          buildEnrolmentEvent(valid.value, {
            id: newId(nowMs),
            memberId: newId(nowMs),
            terminalId: session.terminalId,
            store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs,
            consentTextVersion,
          }),
        );
        enrolled(memberDocOfEnrolment(event));
        close();
        return true;
      } catch (e) {
        setSaveError(message('enrol.saveFailed', { error: (e as Error).message }));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [busy, checks, clock, close, enrolled, form.values, form.cardSource, newId, session, store],
  );

  return {
    open,
    form,
    busy,
    saveError,
    rangeProblem,
    start: useCallback(() => {
      setOpen(true);
      // Online, a till low on numbers gets its next block before the cashier needs it.
      void cardRanges.refresh();
    }, [cardRanges]),
    issueNewNumber,
    chooseStockCard: useCallback(() => {
      setRangeProblem(null);
      dispatch({ type: 'card-from-stock' });
    }, []),
    cancel: close,
    change: useCallback((field, value) => dispatch({ type: 'change', field, value }), []),
    cardScanned: useCallback((card) => dispatch({ type: 'card-scanned', card, checks }), [checks]),
    submit,
  };
}
