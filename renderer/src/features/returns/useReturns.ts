import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Product } from '../../../../core/catalog/product';
import { createIdFactory } from '../../../../core/ids';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { ProgramDoc } from '../../../../core/loyalty/program-doc';
import { returnableLines, type ReturnableLine } from '../../../../core/loyalty/returnable';
import type { Result } from '../../../../core/result/result';
import { parseReceiptCode, type ReceiptRef } from '../../../../core/scan/receipt-code';
import { offlinePolicyOf } from '../../../../core/store/store-policy';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { message } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { useManagerOverride } from '../manager/useManagerOverride';
import { createProgramCompiler, memberForEngine } from '../members/sale-loyalty';
import { useShownBalance } from '../members/useShownBalance';
import { buildReturnEvent } from './build-return-event';
import { findSale, type FindSale } from './find-sale';
import { previewReturn, programsOfSale, type ReturnPreview } from './return-plan';
import {
  askedLines,
  INITIAL_RETURNS,
  returnsReducer,
  type AskedLines,
  type ReturnReason,
} from './return-state';

export interface Returns {
  state: ReturnType<typeof returnsReducer>;
  /** Per line of the found sale, what can still come back. */
  returnable: readonly ReturnableLine[];
  asked: AskedLines | null;
  /** The plan for what is asked back, before the cashier confirms; null while nothing is asked. */
  preview: Result<ReturnPreview, string> | null;
  /** The member the sale belongs to, as the replica has them now (their balance follows the return). */
  memberDoc: MemberDoc | undefined;
  typeCode(code: string): void;
  /** Looks up the typed code, or a scanned receipt's sale. */
  find(ref?: ReceiptRef): Promise<void>;
  setQuantity(lineId: string, text: string): void;
  setReason(reason: ReturnReason): void;
  confirm(): Promise<void>;
  again(): void;
  /** The manager's PIN dialog (a return over the store's overdraft limit); render it once. */
  overrideDialog: React.ReactNode;
}

const NOT_FOUND = {
  'other-store': message('returns.otherStore'),
  unknown: message('returns.notFound'),
  offline: message('returns.offline'),
} as const satisfies Record<Exclude<FindSale['kind'], 'found'>, unknown>;

/**
 * The returns screen wired to the till: the sale from this till's journal or the server, the
 * programs of the sale's versions and the member from the replica, the plan shown before the
 * cashier confirms, and ONE `return` journal event written on confirm. The state is the pure
 * machine in return-state.ts; this hook only fetches and writes.
 */
export function useReturns(
  session: TerminalSession,
  store: StoreSettings,
  clock: () => number = Date.now,
): Returns {
  const [state, dispatch] = useReducer(returnsReducer, INITIAL_RETURNS);
  const newId = useMemo(() => createIdFactory(), []);
  const compiler = useMemo(() => createProgramCompiler(), []);
  const override = useManagerOverride(session, store, clock);
  const [programDocs, setProgramDocs] = useState<readonly ProgramDoc[]>([]);
  useEffect(() => {
    const sub = session.db.programs
      .find()
      .$.subscribe((docs) =>
        setProgramDocs(docs.map((d) => ({ ...(d.toJSON() as ProgramDoc), _deleted: false }))),
      );
    return () => sub.unsubscribe();
  }, [session]);

  const found = state.step === 'done' || state.step === 'choose' ? state.found : null;
  const memberId = found?.sale.loyalty?.memberId ?? null;
  const [memberDoc, setMemberDoc] = useState<MemberDoc | undefined>(undefined);
  useEffect(() => {
    if (!memberId) return setMemberDoc(undefined);
    const sub = session.db.members
      .findOne(memberId)
      .$.subscribe((d) => setMemberDoc(d ? (d.toJSON() as MemberDoc) : undefined));
    return () => sub.unsubscribe();
  }, [memberId, session]);
  const balance = useShownBalance(session, memberDoc);

  const [products, setProducts] = useState<ReadonlyMap<string, Product>>(new Map());
  const saleId = found?.sale.id;
  useEffect(() => {
    if (!found) return;
    let live = true;
    void session.db.products
      .findByIds([...new Set(found.sale.lines.map((l) => l.productId))])
      .exec()
      .then((docs) => {
        if (!live) return;
        setProducts(new Map([...docs].map(([id, d]) => [id, d.toJSON() as Product])));
      });
    return () => {
      live = false;
    };
    // The sale's products, once per sale found.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saleId, session]);

  const returnable = useMemo(() => (found ? returnableLines(found.sale, found.priorReturns) : []), [found]);
  const quantities = state.step === 'choose' ? state.quantities : null;
  const asked = useMemo(
    () => (quantities ? askedLines(quantities, returnable) : null),
    [quantities, returnable],
  );
  const returnId = state.step === 'choose' ? state.returnId : null;
  const preview = useMemo(() => {
    if (!found || !returnId || !asked?.ok || asked.lines.length === 0) return null;
    return previewReturn({
      returnId,
      sale: found.sale,
      priorReturns: found.priorReturns,
      lines: asked.lines,
      programs: programsOfSale(programDocs, found.sale, compiler),
      member: memberDoc ? memberForEngine(memberDoc) : null,
      store,
      product: (id) => products.get(id),
      balance: balance?.spendable ?? null,
      policy: offlinePolicyOf(store),
    });
  }, [asked, balance, compiler, found, memberDoc, products, programDocs, returnId, store]);

  const code = state.step === 'find' ? state.code : '';
  const busy = useRef(false);
  const find = useCallback(
    async (scanned?: ReceiptRef) => {
      let ref = scanned;
      if (!ref) {
        const parsed = parseReceiptCode(code);
        if (!parsed.ok) {
          dispatch({ type: 'not-found', message: message('returns.codeInvalid', { code: code.trim() }) });
          return;
        }
        ref = parsed.value;
      }
      dispatch({ type: 'look' });
      const r = await findSale(ref, {
        storeId: store.storeId,
        journalEvent: async (id) => (await session.db.journal.findOne(id).exec())?.toJSON() ?? null,
        journalReturns: async () =>
          (await session.db.journal.find({ selector: { type: 'return' } }).exec()).map((d) => d.toJSON()),
        // Offline the till knows it at once: no request that can only time out.
        lookupOnline: (id) =>
          session.status.get().online === false
            ? Promise.resolve({ kind: 'unreachable' })
            : session.lookupSale(id),
      });
      if (r.kind === 'found') dispatch({ type: 'found', found: r.found, returnId: newId(clock()) });
      else dispatch({ type: 'not-found', message: NOT_FOUND[r.kind] });
    },
    [clock, code, newId, session, store.storeId],
  );

  const confirm = useCallback(async () => {
    if (state.step !== 'choose' || !state.reason || !preview?.ok || busy.current) return;
    busy.current = true;
    const { found: f, returnId: id, reason } = state;
    const { plan, overPolicy } = preview.value;
    dispatch({ type: 'confirm' });
    try {
      const overrides: string[] = [];
      if (overPolicy) {
        const allowed = await override.request({
          action: 'return-over-policy',
          eventId: id,
          memberId: f.sale.loyalty?.memberId ?? null,
          description: `Return of sale ${f.sale.seq} (${f.sale.id}): ${plan.pointsTakenBack} points taken back, balance ${overPolicy.balanceAfter}`,
          requested: -overPolicy.balanceAfter,
          limit: overPolicy.limit,
          unit: 'points',
          why: message('returns.plan.overPolicy', {
            balance: overPolicy.balanceAfter.toLocaleString(store.locale),
            limit: (0 - overPolicy.limit).toLocaleString(store.locale),
          }),
        });
        if (!allowed) {
          dispatch({ type: 'failed', message: message('returns.overrideDeclined') });
          return;
        }
        overrides.push(allowed);
      }
      const nowMs = clock();
      const event = await session.journal.append((head) =>
        buildReturnEvent(plan, f, {
          id,
          terminalId: session.terminalId,
          store,
          seq: head.seq + 1,
          prevHash: head.hash,
          nowMs,
          reason,
          overrides,
        }),
      );
      dispatch({ type: 'done', event });
    } catch (e) {
      dispatch({ type: 'failed', message: message('returns.saveFailed', { error: (e as Error).message }) });
    } finally {
      busy.current = false;
    }
  }, [clock, override, preview, session, state, store]);

  return {
    state,
    returnable,
    asked,
    preview,
    memberDoc,
    typeCode: (c) => dispatch({ type: 'code', code: c }),
    find,
    setQuantity: (lineId, text) => dispatch({ type: 'quantity', lineId, text }),
    setReason: (reason) => dispatch({ type: 'reason', reason }),
    confirm,
    again: () => dispatch({ type: 'again' }),
    overrideDialog: override.dialog,
  };
}
