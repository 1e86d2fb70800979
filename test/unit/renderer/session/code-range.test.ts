import { describe, expect, it } from 'vitest';
import type { CardBlock } from '../../../../core/loyalty/card-range';
import { issueCouponCode } from '../../../../core/loyalty/code-issue';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';
import {
  couponSerialOf,
  createCodeRangeStore,
  type JournalIssuedCodesView,
} from '../../../../renderer/src/session/code-range';

const coupon = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon')!;
const block = (first: number, last: number): CardBlock => ({
  formatId: 'kassa-coupon',
  firstSerial: first,
  lastSerial: last,
});
const codeOf = (serial: number) => {
  const r = issueCouponCode(coupon, 'VCHR', serial);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

/** One till: its localStorage, its journal, and a server that answers `blocks`. */
function till(blocks: CardBlock[] = [block(40_000_000, 40_000_002)]) {
  const saved = new Map<string, string>();
  const journal: JournalIssuedCodesView[] = [];
  const asked: number[] = [];
  let online = true;
  const open = () =>
    createCodeRangeStore({
      storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) },
      key: 'kassa.codeRange.T1',
      journalAfter: async (seq) => journal.filter((e) => e.seq > seq),
      ask: async (remaining) => {
        if (!online) throw new Error('offline');
        asked.push(remaining);
        return blocks;
      },
    });
  return { open, saved, journal, asked, goOffline: () => (online = false) };
}

describe('the serials a till issues coupons and vouchers from', () => {
  it('reads the serial back out of a code the till issued', () => {
    expect(couponSerialOf(codeOf(40_000_001))).toBe(40_000_001);
    expect(couponSerialOf(codeOf(0))).toBe(0);
    expect(couponSerialOf('KC-VCHR-0000')).toBeUndefined();
  });

  it('hands out its block in order, and a serial handed out before a reload is never handed out again', async () => {
    const t = till();
    const store = t.open();
    expect(await store.next()).toEqual({ ok: false, reason: 'none' });
    await store.refresh();
    expect(await store.next()).toEqual({ ok: true, serial: 40_000_000, remaining: 2 });
    expect(await t.open().next()).toMatchObject({ ok: true, serial: 40_000_001 });
  });

  it('never reissues a serial its journal holds, even when localStorage was lost', async () => {
    const t = till();
    await t.open().refresh();
    t.journal.push(
      { seq: 1, type: 'sale', issuedCodes: [{ formatId: 'kassa-coupon', code: codeOf(40_000_001) }] },
      // Another format's code, or a code outside the range, does not move the marker past it.
      { seq: 2, type: 'sale', issuedCodes: [{ formatId: 'kassa-gift-card', code: '98260000000001123456' }] },
    );
    const blocks = t.saved.get('kassa.codeRange.T1');
    t.saved.clear();
    t.saved.set(
      'kassa.codeRange.T1',
      JSON.stringify({ ...JSON.parse(blocks!), usedThrough: -1, checkedSeq: 0 }),
    );
    expect(await t.open().next()).toEqual({ ok: true, serial: 40_000_002, remaining: 0 });
    expect(await t.open().next()).toEqual({ ok: false, reason: 'used-up' });
  });

  it('two reservations at once never get the same serial, and a low range asks the server again', async () => {
    const t = till([block(40_000_000, 40_000_009)]);
    const store = t.open();
    await store.refresh();
    const got = await Promise.all([store.next(), store.next(), store.next()]);
    const serials = got.map((g) => (g.ok ? g.serial : -1));
    expect(new Set(serials).size).toBe(3);
    expect(t.asked.length).toBeGreaterThan(1);
  });

  it('offline with serials left it goes on issuing', async () => {
    const t = till();
    const store = t.open();
    await store.refresh();
    t.goOffline();
    await store.refresh();
    expect(await store.next()).toMatchObject({ ok: true, serial: 40_000_000 });
  });
});
