import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import { GENESIS_HASH, type SaleEvent } from '../../../core/journal/sale-event';
import { claimKeyFromTerminalToken, signClaimToken } from '../../../core/loyalty/claim-token';
import { businessDayOf } from '../../../core/store/store-settings';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { SqliteStorage } from '../../../sync-server/src/storage/sqlite/sqlite-storage';
import { makeSale } from './support/sale-events';
import { kassa } from './support/cli';
import { amsterdamStore, pairedTerminal, publishProgram, TEN_POINTS_PER_EURO } from './support/seed';

/** `kassa-server claims redeem <token> --member <card|id>`: POST /claims at the service desk. */
describe('kassa-server claims redeem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kassa-claims-cli-'));
  const TOKEN = 'terminal-one-token-cccccccccccccccccccccccccc';
  // Sold now: the claim window counts from the sale, and the CLI claims at the real clock.
  const { hash: _hash, ...made } = makeSale({
    terminalId: 'T1',
    storeId: 's1',
    seq: 1,
    prevHash: GENESIS_HASH,
  });
  const soldAt = Date.now();
  const sale = sealEvent<SaleEvent>({
    ...made,
    createdAt: soldAt,
    businessDay: businessDayOf(soldAt, 'Europe/Amsterdam'),
  });
  const token = signClaimToken(
    { storeId: 's1', terminalId: 'T1', saleId: sale.id },
    claimKeyFromTerminalToken(TOKEN),
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeAll(async () => {
    const s = await SqliteStorage.open(dir);
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore(), 1);
      const tokenHash = createHash('sha256').update(TOKEN).digest('hex');
      await tx.terminals.insert(pairedTerminal({ terminalId: 'T1', storeId: 's1' }, tokenHash));
      const member = { homeStoreId: 's1', fullName: 'Johanna de Vries', enrolledAt: 1, optedIn: true };
      await tx.members.upsert([
        { ...member, memberId: 'M1', cards: ['2620000000019'] },
        { ...member, memberId: 'M2', cards: ['2620000000026'] },
      ]);
      await publishProgram(tx, TEN_POINTS_PER_EURO);
    });
    await pushJournal(
      s,
      { terminalId: 'T1', storeId: 's1' },
      [{ assumedMasterState: null, newDocumentState: { ...sale, _deleted: false } }],
      soldAt,
    );
    await s.close();
  });

  it('claims by card once, says so again for the same member, exits 1 for another', async () => {
    const first = await kassa(['claims', 'redeem', token, '--member', '2620000000019', '--data-dir', dir]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toBe(`Claimed 50 points for member M1 (sale ${sale.id} of terminal T1).\n`);
    const again = await kassa(['claims', 'redeem', token, '--member', 'M1', '--data-dir', dir, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ memberId: 'M1', points: 50, replayed: true });
    const other = await kassa(['claims', 'redeem', token, '--member', 'M2', '--data-dir', dir]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('already claimed by another member');
  });
});
