import { describe, expect, it } from 'vitest';
import { createSyncStatusStore, syncState, waitingCount } from '../../../renderer/src/sync/sync-status';

describe('sync status', () => {
  it('counts local events the server has not acknowledged as waiting', () => {
    const s = createSyncStatusStore();
    s.reportOnline(1);
    s.setLocalSeq(3);
    s.acknowledge(1);
    expect(waitingCount(s.get())).toBe(2);
    expect(syncState(s.get())).toBe('syncing');
    s.acknowledge(3);
    expect(waitingCount(s.get())).toBe(0);
    expect(syncState(s.get())).toBe('synced');
  });

  it('shows offline whatever is waiting, and keeps the last successful sync time', () => {
    const s = createSyncStatusStore();
    s.reportOnline(1234);
    s.reportOffline();
    s.setLocalSeq(1);
    expect(syncState(s.get())).toBe('offline');
    expect(s.get().lastSyncAt).toBe(1234);
  });

  it('never moves the acknowledged seq backwards, and persists it', () => {
    const saved: number[] = [];
    const s = createSyncStatusStore({ loadAck: () => 5, saveAck: (n) => saved.push(n) });
    s.acknowledge(3);
    expect(s.get().ackSeq).toBe(5);
    s.acknowledge(7);
    expect(saved).toEqual([7]);
  });

  it('keeps the stored seq when a closed session hears a late answer after its successor stored more', () => {
    let stored = 0;
    const storage = { loadAck: () => stored, saveAck: (n: number) => (stored = n) };
    const closed = createSyncStatusStore(storage);
    const successor = createSyncStatusStore(storage);
    successor.acknowledge(2);
    closed.acknowledge(1);
    expect(stored).toBe(2);
    expect(createSyncStatusStore(storage).get().ackSeq).toBe(2);
  });

  it('is syncing until the first catalogue pull has landed', () => {
    const s = createSyncStatusStore();
    s.setPulling(true);
    s.reportOnline(1);
    expect(syncState(s.get())).toBe('syncing');
    s.setPulling(false);
    expect(syncState(s.get())).toBe('synced');
  });

  it('tells a refusal from being offline, until a call succeeds again', () => {
    const s = createSyncStatusStore();
    s.reportProblem('terminal token revoked');
    expect(syncState(s.get())).toBe('refused');
    expect(s.get().problem).toBe('terminal token revoked');
    s.reportOnline(5);
    expect(s.get().problem).toBeNull();
    expect(syncState(s.get())).toBe('synced');
  });
});
