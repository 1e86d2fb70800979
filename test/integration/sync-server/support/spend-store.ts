import type { Storage } from '../../../../sync-server/src/storage/storage';
import { amsterdamStore, pairedTerminal } from './seed';
import { Till } from './spend-events';

/** A member of store s1 as the spending tests know them: Johanna (M1) and Pieter (M2). */
export const spendingMember = (memberId: string, displayName: string, cards: string[]) => ({
  memberId,
  homeStoreId: 's1',
  fullName: `${displayName} de Vries`,
  displayName,
  email: null,
  phoneHash: null,
  phoneLast3: null,
  tier: null,
  segments: [],
  birthday: null,
  enrolledAt: 1,
  optedIn: true,
  cards,
});

/** Store s1 with these tills paired and the members M1 and M2: the spending tests' shop. */
export async function openSpendingStore(s: Storage, terminalIds: readonly string[]): Promise<Till[]> {
  const tills = terminalIds.map((id) => new Till(id, 's1'));
  await s.transaction(async (tx) => {
    await tx.stores.upsert(amsterdamStore('s1'), 1);
    for (const [i, t] of tills.entries()) await tx.terminals.insert(pairedTerminal(t, `token-${i}`));
    await tx.members.upsert([
      spendingMember('M1', 'Johanna', ['2620000000019']),
      spendingMember('M2', 'Pieter', ['2620000000026']),
    ]);
  });
  return tills;
}
