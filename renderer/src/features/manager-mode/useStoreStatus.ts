import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { StoreSyncStatus } from '../../../../core/backoffice/api';
import { SyncHttpError } from '../../sync/sync-api';
import { initialStoreStatus, storeStatusReducer, type StoreStatusState } from './store-status-state';

/** Asks HQ once when shown and again on `refresh()`; a failure keeps the last answer. */
export function useStoreStatus(
  fetchStatus: (() => Promise<StoreSyncStatus>) | undefined,
  clock: () => number = Date.now,
): { state: StoreStatusState; refresh: () => void } {
  const [state, dispatch] = useReducer(storeStatusReducer, initialStoreStatus);
  const live = useRef(true);
  const refresh = useCallback(() => {
    if (!fetchStatus) {
      dispatch({ type: 'failed', offline: true, message: '' });
      return;
    }
    dispatch({ type: 'start' });
    fetchStatus().then(
      (status) => live.current && dispatch({ type: 'answer', status, atMs: clock() }),
      (e: unknown) =>
        live.current &&
        dispatch({
          type: 'failed',
          offline: !(e instanceof SyncHttpError) || e.status === 'offline',
          message: (e as Error).message,
        }),
    );
  }, [clock, fetchStatus]);
  useEffect(() => {
    live.current = true;
    refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);
  return { state, refresh };
}
