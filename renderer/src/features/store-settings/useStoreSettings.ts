import { useEffect, useState } from 'react';
import { storeSettingsSchema, type StoreSettings } from '../../../../core/store/store-settings';
import type { TerminalSession } from '../../session/terminal-session';

/**
 * The till's store settings (name, currency, locale, time zone, scale labels) from the replicated
 * `stores` read model, so a change made on the server shows at once; the settings the till was
 * paired with until the first pull has landed (or if the replica is unreadable).
 */
export function useStoreSettings(session: Pick<TerminalSession, 'db' | 'store'>): StoreSettings {
  const { db, store: paired } = session;
  const [replica, setReplica] = useState<StoreSettings | undefined>(undefined);
  useEffect(() => {
    const sub = db.stores.findOne(paired.storeId).$.subscribe((doc) => {
      const parsed = doc ? storeSettingsSchema.safeParse(doc.toJSON()) : undefined;
      setReplica(parsed?.success ? parsed.data : undefined);
    });
    return () => sub.unsubscribe();
  }, [db, paired.storeId]);
  return replica ?? paired;
}
