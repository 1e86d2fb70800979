import { describe, expect, it } from 'vitest';
import { cardNumberOf, DEMO_CARD_SERIES, type CardBlock } from '../../../../core/loyalty/card-range';
import { createCardRangeStore, type JournalEnrolmentView } from '../../../../renderer/src/session/card-range';

const fob = DEMO_CARD_SERIES.format;
const block = (first: number, last: number): CardBlock => ({
  formatId: fob.id,
  firstSerial: first,
  lastSerial: last,
});

/** One till: its localStorage, its journal, and a server that allocates `blocks` in turn. */
function till(blocks: CardBlock[][] = [[block(50_000_000, 50_000_002)]]) {
  const saved = new Map<string, string>();
  const journal: JournalEnrolmentView[] = [];
  const asked: number[] = [];
  let online = true;
  const open = () =>
    createCardRangeStore({
      storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) },
      key: 'kassa.cardRange.T1',
      journalAfter: async (seq) => journal.filter((e) => e.seq > seq),
      ask: async (remaining) => {
        if (!online) throw new Error('offline');
        asked.push(remaining);
        return blocks[Math.min(asked.length - 1, blocks.length - 1)] ?? [];
      },
    });
  return {
    open,
    saved,
    journal,
    asked,
    goOffline: () => (online = false),
  };
}

describe('the till’s card numbers', () => {
  it('issues its range in order, and a number shown before a reload is never shown again', async () => {
    const t = till();
    const store = t.open();
    await store.refresh();
    const first = await store.reserve();
    expect(first).toEqual({
      ok: true,
      card: cardNumberOf(fob, 50_000_000),
      serial: 50_000_000,
      remaining: 2,
    });
    // The cashier saw it, then the till reloaded before the enrolment was written.
    const reloaded = t.open();
    expect(await reloaded.reserve()).toMatchObject({ ok: true, serial: 50_000_001 });
  });

  it('never reissues a number its journal holds, even when localStorage was lost', async () => {
    const t = till();
    await t.open().refresh();
    t.journal.push(
      { seq: 1, type: 'sale' },
      { seq: 2, type: 'enrolment', card: cardNumberOf(fob, 50_000_001), cardSource: 'range' },
      // A stock card of the same format is not a range number.
      { seq: 3, type: 'enrolment', card: cardNumberOf(fob, 50_000_002), cardSource: 'stock' },
    );
    const blocks = t.saved.get('kassa.cardRange.T1') ?? '';
    t.saved.set(
      'kassa.cardRange.T1',
      JSON.stringify({ ...JSON.parse(blocks), usedThrough: -1, checkedSeq: 0 }),
    );
    expect(await t.open().reserve()).toMatchObject({ ok: true, serial: 50_000_002 });
  });

  it('offline, it issues within its range and then says the range is used up', async () => {
    const t = till();
    const store = t.open();
    await store.refresh();
    t.goOffline();
    const serials = await Promise.all([store.reserve(), store.reserve(), store.reserve()]);
    expect(serials.map((r) => r.ok && r.serial).sort()).toEqual([50_000_000, 50_000_001, 50_000_002]);
    expect(await store.reserve()).toEqual({ ok: false, reason: 'used-up' });
  });

  it('a till that never had a block says so; online it asks for one when low and uses it next', async () => {
    const t = till([
      [block(50_000_000, 50_000_000)],
      [block(50_000_000, 50_000_000), block(50_000_500, 50_000_999)],
    ]);
    t.goOffline();
    const store = t.open();
    expect(await store.reserve()).toEqual({ ok: false, reason: 'none' });
    const online = till([
      [block(50_000_000, 50_000_000)],
      [block(50_000_000, 50_000_000), block(50_000_500, 50_000_999)],
    ]);
    const s2 = online.open();
    await s2.refresh();
    expect(online.asked).toEqual([0]);
    expect(await s2.reserve()).toMatchObject({ ok: true, serial: 50_000_000, remaining: 0 });
    // Low after that number: the next block was asked for in the background.
    expect(await s2.reserve()).toMatchObject({ ok: true, serial: 50_000_500 });
    expect(online.asked).toEqual([0, 0]);
    expect(s2.remaining()).toBe(499);
  });
});
