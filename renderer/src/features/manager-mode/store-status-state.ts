import type { StoreSyncStatus } from '../../../../core/backoffice/api';

/**
 * What the manager's "Sync status" tab knows: the last answer HQ gave (kept when a later
 * refresh fails, so an offline till still shows what it last heard, and when), and whether
 * the latest try failed.
 */
export interface StoreStatusState {
  last: StoreSyncStatus | null;
  /** When the till received `last` (epoch ms, the till's clock). */
  receivedAt: number | null;
  loading: boolean;
  /** The latest try failed: `offline` when HQ could not be reached, else what it said. */
  failure: { kind: 'offline' } | { kind: 'refused'; message: string } | null;
}

export type StoreStatusEvent =
  | { type: 'start' }
  | { type: 'answer'; status: StoreSyncStatus; atMs: number }
  | { type: 'failed'; offline: boolean; message: string };

export const initialStoreStatus: StoreStatusState = {
  last: null,
  receivedAt: null,
  loading: false,
  failure: null,
};

export function storeStatusReducer(state: StoreStatusState, event: StoreStatusEvent): StoreStatusState {
  switch (event.type) {
    case 'start':
      return { ...state, loading: true };
    case 'answer':
      return { last: event.status, receivedAt: event.atMs, loading: false, failure: null };
    case 'failed':
      return {
        ...state,
        loading: false,
        failure: event.offline ? { kind: 'offline' } : { kind: 'refused', message: event.message },
      };
  }
}
