import { describe, expect, it } from 'vitest';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRows, saleChain } from '../../integration/sync-server/support/sale-events';

/** A storage that fails the test if the push touches it at all. */
const untouchable = new Proxy({} as Storage, {
  get(_t, key) {
    throw new Error(`storage.${String(key)} was used`);
  },
});

describe('push authority', () => {
  const me = { terminalId: 'T1', storeId: 's1' };

  it('refuses a batch with another terminal’s event before touching storage', async () => {
    const rows = pushRows([...saleChain('T1', 's1', 1), ...saleChain('T2', 's1', 1)]);
    expect(await pushJournal(untouchable, me, rows, 0)).toMatchObject({
      ok: false,
      reason: 'forbidden-terminal',
      message: expect.stringContaining('T2'),
    });
  });

  it('refuses an event for another store before touching storage', async () => {
    const rows = pushRows(saleChain('T1', 's2', 1));
    expect(await pushJournal(untouchable, me, rows, 0)).toMatchObject({
      ok: false,
      reason: 'forbidden-store',
    });
  });
});
