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
    dispatch({ type: 'reset' });
  }, []);

  const submit = useCallback(
    async (consentTextVersion: string) => {
      if (busy) return false;
      const valid = validateEnrolment(form.values, checks);
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
    [busy, checks, clock, close, enrolled, form.values, newId, session, store],
  );

  return {
    open,
    form,
    busy,
    saveError,
    start: useCallback(() => setOpen(true), []),
    cancel: close,
    change: useCallback((field, value) => dispatch({ type: 'change', field, value }), []),
    cardScanned: useCallback((card) => dispatch({ type: 'card-scanned', card, checks }), [checks]),
    submit,
  };
}
