import { createElement, useCallback, useMemo, useState, type ReactNode } from 'react';
import { createIdFactory } from '../../../../core/ids';
import type { OverrideAction } from '../../../../core/journal/manager-override-event';
import { lockoutStatus } from '../../../../core/loyalty/pin-lockout';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';
import { buildOverrideEvent } from './build-override-event';
import { loadLockout } from './lockout-storage';
import { pinAttempts } from './pin-attempt';
import { ManagerOverrideDialog, type AllowOutcome } from './ManagerOverrideDialog';

export interface OverrideRequest {
  action: OverrideAction;
  /** The sale (the open basket's id) or return the override allows. */
  eventId: string;
  memberId: string | null;
  /** The till's words for what is allowed, written into the journal event. */
  description: string;
  requested: number;
  limit: number;
  unit: 'points' | 'cents' | 'units' | 'grams';
  /** What the till says is over the limit (shown in the dialog). */
  why: Translatable;
}

export interface ManagerOverride {
  /** The manager-override event id once a manager allowed it, or null if cancelled. */
  request(req: OverrideRequest): Promise<string | null>;
  /** Render it once in the screen. */
  dialog: ReactNode;
}

interface Pending {
  req: OverrideRequest;
  resolve(id: string | null): void;
}

/**
 * A manager allows something above a limit, offline: the PIN is checked against the store's
 * managers (store settings `managers`), wrong PINs count towards a lockout kept per terminal
 * and each is a `pin-failure` event in the journal (pin-attempt.ts), and a yes writes one `manager-override` event to the journal before the request resolves
 * with its id — so the sale or return that names it always comes after it in the chain.
 */
export function useManagerOverride(
  session: TerminalSession,
  store: StoreSettings,
  clock: () => number = Date.now,
): ManagerOverride {
  const [pending, setPending] = useState<Pending | null>(null);
  const newId = useMemo(() => createIdFactory(), []);
  const managers = useMemo(() => store.managers ?? [], [store.managers]);
  const { terminalId } = session;
  const attempt = useMemo(
    () => pinAttempts({ terminalId, store, journal: session.journal, dialog: 'override', newId }),
    [newId, session.journal, store, terminalId],
  );

  const settle = useCallback((p: Pending, id: string | null) => {
    setPending((cur) => (cur === p ? null : cur));
    p.resolve(id);
  }, []);

  const request = useCallback(
    (req: OverrideRequest) =>
      new Promise<string | null>((resolve) => {
        // One question at a time: an earlier one still open is cancelled (resolving twice, as
        // StrictMode's double call may, is harmless).
        setPending((prev) => {
          if (prev) queueMicrotask(() => prev.resolve(null));
          return { req, resolve };
        });
      }),
    [],
  );

  const allow = useCallback(
    async (p: Pending, managerId: string, pin: string, reason: string): Promise<AllowOutcome> => {
      const manager = managers.find((m) => m.managerId === managerId);
      if (!manager) return { kind: 'failed', error: managerId };
      // Let the dialog show "checking" before scrypt holds the thread for ~65 ms.
      await new Promise((r) => setTimeout(r, 0));
      const nowMs = clock();
      const checked = await attempt(manager, pin, nowMs);
      if (checked.kind !== 'allowed') return checked;
      try {
        const event = await session.journal.append((head) =>
          buildOverrideEvent(p.req, manager, reason, {
            id: newId(nowMs),
            terminalId,
            store,
            seq: head.seq + 1,
            prevHash: head.hash,
            nowMs,
          }),
        );
        settle(p, event.id);
        return checked;
      } catch (e) {
        return { kind: 'failed', error: (e as Error).message };
      }
    },
    [attempt, clock, managers, newId, session.journal, settle, store, terminalId],
  );

  const lockedUntil = useCallback(
    (managerId: string) => {
      const s = lockoutStatus(loadLockout(terminalId), managerId, clock());
      return s.locked ? s.until : null;
    },
    [clock, terminalId],
  );

  const dialog = pending
    ? createElement(ManagerOverrideDialog, {
        key: `${pending.req.eventId}:${pending.req.action}:${pending.req.requested}`,
        request: pending.req,
        managers,
        locale: store.locale,
        timeZone: store.timeZone,
        lockedUntil,
        onAllow: (managerId: string, pin: string, reason: string) => allow(pending, managerId, pin, reason),
        onCancel: () => settle(pending, null),
      })
    : null;
  return { request, dialog };
}
