import type { ReactNode } from 'react';
import type { OverrideAction } from '../../../../core/journal/manager-override-event';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { Translatable } from '../../i18n/translatable';
import type { TerminalSession } from '../../session/terminal-session';

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

/** Placeholder until the dialog lands: every request is cancelled (nothing is allowed). */
export function useManagerOverride(session: TerminalSession, store: StoreSettings): ManagerOverride {
  void session;
  void store;
  return { request: async () => null, dialog: null };
}
