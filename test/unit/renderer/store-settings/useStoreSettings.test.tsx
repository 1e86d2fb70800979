// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { createKassaDatabase, type KassaDatabase } from '../../../../renderer/src/db/database';
import { useStoreSettings } from '../../../../renderer/src/features/store-settings/useStoreSettings';

const paired: StoreSettings = {
  storeId: 'store-demo-ams',
  name: 'Kassa Demo Amsterdam',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};

let db: KassaDatabase | undefined;
afterEach(async () => {
  cleanup();
  await db?.close();
});

describe('useStoreSettings', () => {
  it('answers the paired settings until the replica lands, then follows every change to it', async () => {
    db = await createKassaDatabase(`stores${Date.now()}`, 'relaxed', getRxStorageMemory());
    const session = { db, store: paired };
    const { result } = renderHook(() => useStoreSettings(session));
    expect(result.current).toBe(paired);

    await act(() => db!.stores.insert({ ...paired, name: 'Kassa Amsterdam Centrum', serverSeq: 7 }));
    await waitFor(() => expect(result.current.name).toBe('Kassa Amsterdam Centrum'));
    expect(result.current).toEqual({ ...paired, name: 'Kassa Amsterdam Centrum' });

    await act(() => db!.stores.upsert({ ...paired, currency: 'GBP', locale: 'en-GB', serverSeq: 9 }));
    await waitFor(() => expect(result.current.currency).toBe('GBP'));
    expect(result.current).toMatchObject({ name: 'Kassa Demo Amsterdam', locale: 'en-GB' });
  });

  it("ignores another store's document", async () => {
    db = await createKassaDatabase(`stores${Date.now()}b`, 'relaxed', getRxStorageMemory());
    await db.stores.insert({ ...paired, storeId: 'store-rdam', name: 'Kassa Rotterdam', serverSeq: 3 });
    const session = { db, store: paired };
    const { result } = renderHook(() => useStoreSettings(session));
    await new Promise((r) => setTimeout(r, 50));
    expect(result.current).toBe(paired);
  });
});
