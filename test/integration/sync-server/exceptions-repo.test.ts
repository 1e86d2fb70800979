import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../../sync-server/src/storage/storage';
import type { NewException } from '../../../sync-server/src/storage/repos/exceptions';
import { postgresAdapter, sqliteAdapter } from './support/storages';

const overdraft = (o: Partial<NewException> = {}): NewException => ({
  kind: 'overdraft',
  terminalId: 'T1',
  storeId: 's1',
  eventId: 'E1',
  seq: 3,
  message: 'spent twice',
  detail: null,
  detectedAt: 5,
  ...o,
});

describe.each([sqliteAdapter(), postgresAdapter()])('exceptions repo on $name', (adapter) => {
  let s: Storage;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
  });
  afterEach(() => s.close());

  it('keeps what is at stake and the events it names, and lists by status and day', async () => {
    await s.exceptions.insert(
      overdraft({
        memberId: 'm1',
        businessDay: '2026-12-01',
        pointsAtStake: 120,
        events: [
          { terminalId: 'T1', eventId: 'E1' },
          { terminalId: 'T2', eventId: 'E9' },
        ],
      }),
    );
    await s.exceptions.insert(overdraft({ kind: 'coupon-reused', eventId: 'E2', centsAtStake: 250 }));
    const [coupon, od] = await s.exceptions.list({ limit: 10 });
    expect(od).toMatchObject({
      status: 'open',
      memberId: 'm1',
      pointsAtStake: 120,
      businessDay: '2026-12-01',
    });
    expect(coupon).toMatchObject({ centsAtStake: 250, memberId: null });
    expect(await s.exceptions.events(od!.id)).toEqual([
      { terminalId: 'T1', eventId: 'E1' },
      { terminalId: 'T2', eventId: 'E9' },
    ]);
    expect((await s.exceptions.forEvent('T1', 'E2')).map((e) => e.kind)).toEqual(['coupon-reused']);
    expect((await s.exceptions.list({ day: '2026-12-01', limit: 10 })).map((e) => e.kind)).toEqual([
      'overdraft',
    ]);
    expect((await s.exceptions.list({ storeIds: [], limit: 10 })).length).toBe(0);
  });

  it('clears a derived finding once and reopens it when its cause comes back', async () => {
    const gap = overdraft({ kind: 'seq-gap', eventId: null, dedupeKey: 'seq-gap:T1:4' });
    expect(await s.exceptions.insert(gap)).toBe(true);
    expect(await s.exceptions.clear('seq-gap:T1:4', 9)).toBe(true);
    expect(await s.exceptions.clear('seq-gap:T1:4', 10)).toBe(false);
    expect(await s.exceptions.byDedupeKey('seq-gap:T1:4')).toMatchObject({
      status: 'resolved',
      resolution: 'cleared',
      resolvedAt: 9,
    });
    expect(await s.exceptions.insert(gap)).toBe(false);
    expect(await s.exceptions.byDedupeKey('seq-gap:T1:4')).toMatchObject({
      status: 'open',
      resolution: null,
    });
    expect((await s.exceptions.list({ status: 'open', limit: 10 })).length).toBe(1);
  });
});
