import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../core/journal/adjustment-event';
import {
  actOnException,
  auditTrail,
  exceptionDetail,
  listExceptions,
} from '../../../sync-server/src/domain/exceptions';
import { refoldProjection } from '../../../sync-server/src/domain/projections/refold';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import { AdjustmentsRepo } from '../../../sync-server/src/storage/repos/adjustments';
import type { NewException } from '../../../sync-server/src/storage/repos/exceptions';
import type { Storage } from '../../../sync-server/src/storage/storage';
import type { JournalEvent } from '../../../core/journal/sale-event';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter } from './support/storages';

/** The manager acts on 1 Dec 2026 (an adjustment's business day must be a real one). */
const NOW = Date.UTC(2026, 11, 1, 12);
const manager: Actor = { userId: 'u-anna', name: 'Anna', role: 'store-manager' };
const raised = (o: Partial<NewException> & Pick<NewException, 'kind'>): NewException => ({
  terminalId: 'T1',
  storeId: 's1',
  eventId: null,
  seq: null,
  message: 'test',
  detail: null,
  detectedAt: 10,
  ...o,
});

describe.each([sqliteAdapter(), postgresAdapter()])('resolving exceptions on $name', (adapter) => {
  let s: Storage;
  let t1: Till;
  let t2: Till;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    [t1, t2] = (await openSpendingStore(s, ['T1', 'T2'])) as [Till, Till];
  });
  afterEach(() => s.close());

  const push = async (till: Till, events: readonly JournalEvent[]) =>
    expect(await pushJournal(s, till, pushRowsOf(events), 1000)).toMatchObject({
      ok: true,
      value: { foldFailures: 0 },
    });
  const balanced = async (memberId: string) => {
    const balance = (await s.members.get(memberId))?.balance;
    expect(balance).toBe((await s.ledger.sums(memberId)).get('points') ?? 0);
    return balance;
  };
  /** M1 spends the same 500 of 600 points at two offline tills: 400 below zero. */
  const overdraft = async () => {
    await push(t1, [t1.sale({ memberId: 'M1', earn: 600 })]);
    await push(t1, [t1.sale({ memberId: 'M1', spend: 500 })]);
    await push(t2, [t2.sale({ memberId: 'M1', spend: 500 })]);
    const [e] = await listExceptions(s, { kind: 'overdraft', limit: 10 });
    expect(e).toMatchObject({ memberId: 'M1', pointsAtStake: 400, status: 'open' });
    return e!.id;
  };
  const act = (id: number, resolution: string, o: { note?: string; confirm?: boolean } = {}) =>
    actOnException(
      s,
      id,
      {
        action: 'resolve',
        resolution,
        note: o.note ?? 'spoke to the customer',
        ...(o.confirm ? { confirm: true } : {}),
      },
      manager,
      NOW,
    );

  it('write-off credits the shortfall to the member: balance = Σ ledger, one audit entry', async () => {
    const id = await overdraft();
    const detail = await exceptionDetail(s, id);
    expect(detail?.options.map((o) => o.resolution)).toEqual(['write-off', 'claw-back', 'allow-negative']);
    expect(detail?.events).toHaveLength(2);
    const r = await act(id, 'write-off');
    expect(r).toMatchObject({
      ok: true,
      value: { kind: 'adjustment', points: 400, resolution: 'write-off', memberId: 'M1' },
    });
    expect(await balanced('M1')).toBe(0);
    expect((await listExceptions(s, { kind: 'overdraft', limit: 10 }))[0]).toMatchObject({
      status: 'resolved',
      resolution: 'write-off',
      resolvedAt: NOW,
    });
    // A double click is the same decision; another decision on a resolved one is refused.
    expect(await act(id, 'write-off')).toMatchObject({ ok: true });
    expect(await act(id, 'claw-back')).toMatchObject({ ok: false, reason: 'already-resolved' });
    expect(await auditTrail(s, { limit: 10 })).toHaveLength(1);
    expect(await balanced('M1')).toBe(0);
    // A refold of both projections rebuilds the same status and balance.
    expect(await refoldProjection(s, 'ledger', NOW + 1000)).toMatchObject({ ok: true });
    expect(await refoldProjection(s, 'exception-status', NOW + 1000)).toMatchObject({ ok: true });
    expect(await balanced('M1')).toBe(0);
    expect((await exceptionDetail(s, id))?.exception).toMatchObject({
      status: 'resolved',
      resolution: 'write-off',
    });
    expect((await exceptionDetail(s, id))?.history.map((h) => h.resolution)).toEqual(['write-off']);
  });

  it.each(['claw-back', 'allow-negative'])(
    '%s leaves the negative balance and records the decision',
    async (resolution) => {
      const id = await overdraft();
      expect(await act(id, resolution)).toMatchObject({ ok: true, value: { points: 0, resolution } });
      expect(await balanced('M1')).toBe(-400);
      expect(await auditTrail(s, { memberId: 'M1', limit: 10 })).toMatchObject([
        { resolution, exceptionKind: 'overdraft' },
      ]);
    },
  );

  it('a note is required; an unknown resolution is refused; acknowledging keeps it listed as acknowledged', async () => {
    const id = await overdraft();
    expect(await act(id, 'write-off', { note: '  ' })).toMatchObject({ ok: false, reason: 'note-required' });
    expect(await act(id, 'honour')).toMatchObject({ ok: false, reason: 'unknown-resolution' });
    const ack = await actOnException(
      s,
      id,
      { action: 'acknowledge', note: 'looking into it' },
      manager,
      NOW - 1000,
    );
    expect(ack).toMatchObject({ ok: true, value: { action: 'acknowledge', points: 0 } });
    expect(await listExceptions(s, { status: 'acknowledged', limit: 10 })).toHaveLength(1);
    expect(await balanced('M1')).toBe(-400);
  });

  it.each([
    ['honour', 'chain'],
    ['charge-store', 'store'],
  ])('coupon-reused %s books the discount to the %s', async (resolution, bearer) => {
    await s.transaction((tx) =>
      tx.exceptions.insert(raised({ kind: 'coupon-reused', eventId: 'S2', centsAtStake: 250 })),
    );
    const [e] = await listExceptions(s, { limit: 1 });
    expect(await act(e!.id, resolution)).toMatchObject({ ok: true, value: { cents: 250, points: 0 } });
    expect(await new AdjustmentsRepo(s.db).list({ limit: 1 })).toMatchObject([
      { cost_bearer: bearer, cents: 250 },
    ]);
    expect(await balanced('M1')).toBe(0);
  });

  it('rule-drift apply-server books the server result minus the till, keep-till nothing', async () => {
    const drift = (eventId: string) =>
      raised({
        kind: 'rule-drift',
        eventId,
        memberId: 'M2',
        detail: JSON.stringify({
          count: 2,
          rows: [
            { id: 'a', account: 'points', till: 10, server: 25 },
            { id: 'b', account: 'points', till: 5, server: null },
          ],
        }),
      });
    await s.transaction(async (tx) => {
      await tx.exceptions.insert(drift('S1'));
      await tx.exceptions.insert(drift('S2'));
    });
    const [second, first] = await listExceptions(s, { kind: 'rule-drift', limit: 10 });
    expect(await act(first!.id, 'apply-server')).toMatchObject({ ok: true, value: { points: 10 } });
    expect(await balanced('M2')).toBe(10);
    expect(await act(second!.id, 'keep-till')).toMatchObject({ ok: true, value: { points: 0 } });
    expect(await balanced('M2')).toBe(10);
    expect(await refoldProjection(s, 'ledger', NOW + 1000)).toMatchObject({ ok: true });
    expect(await balanced('M2')).toBe(10);
  });

  it.each(['accept-till', 'keep-first'])('tamper %s records the decision', async (resolution) => {
    await s.transaction((tx) => tx.exceptions.insert(raised({ kind: 'tamper', eventId: 'S1' })));
    const [e] = await listExceptions(s, { limit: 1 });
    expect(await act(e!.id, resolution)).toMatchObject({
      ok: true,
      value: { resolution, points: 0, cents: 0 },
    });
  });

  it('seq-gap mark-lost needs confirm and records the seqs; other kinds resolve as noted', async () => {
    await s.transaction(async (tx) => {
      await tx.exceptions.insert(
        raised({
          kind: 'seq-gap',
          seq: 4,
          detail: JSON.stringify({ from: 4, to: 6 }),
          dedupeKey: 'seq-gap:T1:4',
        }),
      );
      await tx.exceptions.insert(raised({ kind: 'chain-break', eventId: 'S9' }));
    });
    const [chain, gap] = await listExceptions(s, { limit: 10 });
    expect((await exceptionDetail(s, gap!.id))?.options).toMatchObject([
      { resolution: 'mark-lost', needsConfirm: true },
    ]);
    expect(await act(gap!.id, 'mark-lost')).toMatchObject({ ok: false, reason: 'confirm-required' });
    expect(await act(gap!.id, 'mark-lost', { confirm: true })).toMatchObject({ ok: true });
    const [row] = await s.journal.byIds('hq', [(await auditTrail(s, { limit: 1 }))[0]!.eventId]);
    expect(JSON.parse(row!.body).lostSeqs).toEqual({ terminalId: 'T1', from: 4, to: 6 });
    expect(await new AdjustmentsRepo(s.db).lostRanges('T1')).toEqual([{ from: 4, to: 6 }]);
    expect((await exceptionDetail(s, chain!.id))?.options.map((o) => o.resolution)).toEqual(['noted']);
    expect(await act(chain!.id, 'noted')).toMatchObject({ ok: true });
  });
});
