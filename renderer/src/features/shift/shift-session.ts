import { createContext } from 'react';
import type { StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';

/**
 * The till the shift-close panel closes a shift on, for a screen that renders
 * `<ShiftClosePanel onDone>` without passing its session: wrap it in
 * `<ShiftSessionContext.Provider value={{ session, store }}>` (or pass `session` and `store`).
 */
export interface ShiftSession {
  session: TerminalSession;
  store: StoreSettings;
}

export const ShiftSessionContext = createContext<ShiftSession | null>(null);
