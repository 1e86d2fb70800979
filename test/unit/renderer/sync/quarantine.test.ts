import { describe, expect, it } from 'vitest';
import {
  createQuarantineStore,
  localQuarantineStorage,
  type QuarantineInput,
  type QuarantineState,
  type QuarantineStorage,
} from '../../../../renderer/src/sync/quarantine';

const bad = (id: string, serverSeq: number, fromServerSeq = serverSeq - 1): QuarantineInput => ({
  collection: 'products',
  id,
  fromServerSeq,
  serverSeq,
  reason: 'priceCents: Number must be greater than or equal to 0',
  at: 1_000,
});

/** What a till keeps across restarts: the last state saved. */
function memoryStorage(): QuarantineStorage & { saved: QuarantineState | undefined } {
  const s = {
    saved: undefined as QuarantineState | undefined,
    load: () => s.saved,
    save: (state: QuarantineState) => (s.saved = structuredClone(state)),
  };
  return s;
}

describe('quarantine store', () => {
  it('keeps a document with its collection, id, checkpoint, reason and time, across a restart', () => {
    const storage = memoryStorage();
    const q = createQuarantineStore({ appVersion: '1.0.0', storage });
    q.put(bad('p-1', 12, 10));
    const again = createQuarantineStore({ appVersion: '1.0.0', storage });
    expect(again.entries()).toEqual([{ ...bad('p-1', 12, 10), appVersion: '1.0.0' }]);
    expect(again.count()).toBe(1);
    expect(again.rewindCursor('products')).toBeUndefined();
  });

  it('replaces the entry when the same document fails again, and drops it when it arrives readable', () => {
    const q = createQuarantineStore({ appVersion: '1.0.0' });
    q.put(bad('p-1', 12));
    q.put({ ...bad('p-1', 30), reason: 'name: Required' });
    expect(q.entries()).toMatchObject([{ id: 'p-1', serverSeq: 30, reason: 'name: Required' }]);
    q.put({ ...bad('p-1', 31), collection: 'members' });
    expect(q.count()).toBe(2);
    q.clear('products', ['p-1', 'p-2']);
    expect(q.entries()).toMatchObject([{ collection: 'members', id: 'p-1' }]);
  });

  it('keeps the first 1,000 and counts the rest, once each even when a page is pulled again', () => {
    const q = createQuarantineStore({ appVersion: '1.0.0' });
    for (let i = 1; i <= 1_200; i++) q.put(bad(`p-${i}`, i));
    for (let i = 1_101; i <= 1_200; i++) q.put(bad(`p-${i}`, i));
    expect(q.entries()).toHaveLength(1_000);
    expect(q.entries().at(-1)?.id).toBe('p-1000');
    expect(q.count()).toBe(1_200);
  });

  it('bounds a reason to 300 characters', () => {
    const q = createQuarantineStore({ appVersion: '1.0.0' });
    q.put({ ...bad('p-1', 2), reason: 'x'.repeat(10_000) });
    expect(q.entries()[0]?.reason).toHaveLength(300);
  });

  it('after an app version change, re-pulls each collection from its earliest quarantined checkpoint', () => {
    const storage = memoryStorage();
    const old = createQuarantineStore({ appVersion: '1.0.0', storage, limit: 2 });
    old.put(bad('p-1', 40, 39));
    old.put(bad('p-2', 20, 19));
    old.put(bad('p-3', 90, 5)); // past the bound: counted, and still re-pulled from its checkpoint
    old.put({ ...bad('m-1', 70, 60), collection: 'members' });
    expect(createQuarantineStore({ appVersion: '1.0.0', storage }).rewindCursor('products')).toBeUndefined();

    const q = createQuarantineStore({ appVersion: '1.1.0', storage, limit: 2 });
    expect(q.rewindCursor('products')).toBe(5);
    expect(q.rewindCursor('members')).toBe(60); // past the bound too: counted, then re-pulled
    expect(q.count()).toBe(2); // the overflow is counted afresh by the re-pull

    // The re-pull meets p-1 again, still unreadable; p-2 is readable now; a restart resumes it.
    q.put(bad('p-1', 40, 39));
    q.clear('products', ['p-2']);
    q.rewindTo('products', 45);
    const resumed = createQuarantineStore({ appVersion: '1.1.0', storage, limit: 2 });
    expect(resumed.rewindCursor('products')).toBe(45);
    resumed.rewindDone('products');
    expect(resumed.rewindCursor('products')).toBeUndefined();
    expect(resumed.entries()).toEqual([{ ...bad('p-1', 40, 39), appVersion: '1.1.0' }]);
    expect(storage.saved?.rewind).toEqual({ members: 60 });
  });

  it('drops an old entry the re-pull did not meet again (gone from HQ)', () => {
    const storage = memoryStorage();
    createQuarantineStore({ appVersion: '1', storage }).put(bad('p-1', 8));
    const q = createQuarantineStore({ appVersion: '2', storage });
    expect(q.count()).toBe(1);
    q.rewindDone('products');
    expect(q.count()).toBe(0);
  });

  it('starts empty on a stored value it cannot read, and tells subscribers of each change', () => {
    const q = createQuarantineStore({
      appVersion: '1',
      storage: { load: () => '{not', save: () => undefined },
    });
    let calls = 0;
    q.subscribe(() => calls++);
    expect(q.count()).toBe(0);
    q.put(bad('p-1', 2));
    q.clear('products', ['p-9']);
    q.clear('products', ['p-1']);
    expect(calls).toBe(2);
  });

  it('persists in local storage under its key, and goes on in memory when local storage is full', () => {
    const items = new Map<string, string>();
    let full = false;
    const fake = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (full) throw new DOMException('full', 'QuotaExceededError');
        items.set(k, v);
      },
    };
    const g = globalThis as { localStorage?: unknown };
    const before = g.localStorage;
    g.localStorage = fake;
    try {
      const q = createQuarantineStore({
        appVersion: '1',
        storage: localQuarantineStorage('kassa.quarantine.t1'),
      });
      q.put(bad('p-1', 2));
      expect(JSON.parse(items.get('kassa.quarantine.t1') ?? '{}').entries).toHaveLength(1);
      full = true;
      q.put(bad('p-2', 3));
      expect(q.count()).toBe(2);
    } finally {
      g.localStorage = before;
    }
    expect(localQuarantineStorage('k')).toBeUndefined();
  });
});
