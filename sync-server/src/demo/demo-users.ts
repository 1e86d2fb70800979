import { addUser } from '../domain/backoffice/users';
import type { Storage } from '../storage/storage';
import { DEMO_STORE } from './demo-catalogue';

/** The back office's demo sign-ins (README, demo section). Demo only: never reuse these. */
export const DEMO_USERS = [
  { login: 'hq@kassa.demo', name: 'HQ Admin', role: 'hq-admin', storeIds: [], password: 'kassa-hq-demo' },
  {
    login: 'sanne@kassa.demo',
    name: 'Sanne de Vries',
    role: 'store-manager',
    storeIds: [DEMO_STORE.storeId],
    password: 'kassa-sanne-demo',
  },
] as const;

/** Adds the demo users; a second seed keeps those already there (login-taken is fine). */
export async function seedDemoUsers(storage: Storage, now: number): Promise<void> {
  for (const u of DEMO_USERS) await addUser(storage.db, { ...u, storeIds: [...u.storeIds] }, now);
}
