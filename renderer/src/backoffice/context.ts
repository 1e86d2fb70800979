import { createContext, useContext } from 'react';
import type { SessionView } from '../../../core/backoffice/api';
import type { BackofficeApi } from './api';

export interface BackofficeContext {
  api: BackofficeApi;
  session: SessionView;
  /** '' = all the user's stores (an HQ admin's "all stores"). */
  storeId: string;
}

export const Ctx = createContext<BackofficeContext | null>(null);

export function useBackoffice(): BackofficeContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useBackoffice outside the back office');
  return c;
}

/** The store a per-store screen shows: the selected one, else the user's first. */
export function storeOrFirst(c: BackofficeContext): SessionView['stores'][number] | undefined {
  return c.session.stores.find((s) => s.storeId === c.storeId) ?? c.session.stores[0];
}
