import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sealEvent } from '../../../core/journal/hash-chain';
import type { JournalEvent, SaleEvent } from '../../../core/journal/sale-event';
import { issueVoucherCode } from '../../../core/loyalty/code-issue';
import { voucherCampaign } from '../../../core/loyalty/voucher-code';
import { DEMO_SCAN_CONFIG } from '../../../core/scan';
import { pushJournal } from '../../../sync-server/src/domain/push/push-journal';
import type { ExceptionKind } from '../../../sync-server/src/storage/repos/exceptions';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { pushRowsOf, type Till } from './support/spend-events';
import { openSpendingStore } from './support/spend-store';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * A voucher for later (issue 9): issued by one till's sale, its value in its code, redeemed offline
 * at two other tills. The server keeps the first use and raises one coupon-reused for the second.
 */
const format = DEMO_SCAN_CONFIG.signedCodes.find((f) => f.id === 'kassa-coupon');
if (!format) throw new Error('demo coupon format missing');
const issued = issueVoucherCode(format, 500, 4711);
const campaign = voucherCampaign(500);
if (!issued.ok || !campaign.ok) throw new Error('voucher does not fit');
const CODE = issued.value;
const CAMPAIGN = campaign.value;

/** A till's sale rewritten with `extra` and sealed again in the till's chain (as the till writes it). */
function resealed(till: Till, sale: SaleEvent, extra: Partial<SaleEvent>): SaleEvent {
  const { hash: _h, ...rest } = sale;
  const e = sealEvent<SaleEvent>({ ...rest, ...extra } as never);
  till.prevHash = e.hash;
  return e;
}

/** A sale at `till` that redeems the voucher: 5.00 off its first line, a coupon use with no rules. */
function redeeming(till: Till, memberId: string): SaleEvent {
  const base = till.sale({ memberId });
  const [first, ...others] = base.lines;
  if (!first) throw new Error('sale without lines');
  const off = Math.min(500, first.amountCents);
  return resealed(till, base, {
    lines: [{ ...first, discountCents: first.discountCents + off }, ...others],
    discountCents: base.discountCents + off,
    totalCents: base.totalCents - off,
    payments: [{ method: 'cash', amountCents: base.totalCents - off }],
    coupons: [{ code: CODE, formatId: 'kassa-coupon', campaign: CAMPAIGN, discountCents: off, rules: [] }],
  });
}

describe.each([sqliteAdapter(), postgresAdapter()])('vouchers: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let t1: Till;
  let t2: Till;
  let t3: Till;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    [t1, t2, t3] = (await openSpendingStore(s, ['T1', 'T2', 'T3'])) as [Till, Till, Till];
  });
  afterEach(async () => {
    await s.close();
  });

  const push = async (till: Till, events: readonly JournalEvent[]) =>
    expect(await pushJournal(s, till, pushRowsOf(events), 1000)).toMatchObject({
      ok: true,
      value: { foldFailures: 0 },
    });
  const exceptions = async (kind: ExceptionKind) =>
    (await s.exceptions.list({ limit: 100 })).filter((e) => e.kind === kind);

  it('a voucher issued at one till and redeemed at two others: the first use is kept, one coupon-reused', async () => {
    const issuing = resealed(t1, t1.sale({ memberId: 'M1' }), {
      issuedCodes: [
        {
          code: CODE,
          formatId: 'kassa-coupon',
          kind: 'voucher',
          valueCents: 500,
          validUntil: Date.UTC(2026, 11, 25),
          source: 'reward:voucher-5',
        },
      ],
    });
    const first = redeeming(t2, 'M1');
    const second = redeeming(t3, 'M2');
    await push(t1, [issuing]);
    // Issuing the code is no use of it.
    expect(await exceptions('coupon-reused')).toEqual([]);
    await push(t2, [first]);
    expect(await exceptions('coupon-reused')).toEqual([]);
    await push(t3, [second]);
    // A retry of the first redemption is no reuse.
    await push(t2, [first]);
    const [reused, ...more] = await exceptions('coupon-reused');
    expect(more).toEqual([]);
    expect(reused).toMatchObject({ eventId: second.id, terminalId: 'T3' });
    expect(JSON.parse(reused?.detail ?? '{}')).toMatchObject({
      code: CODE,
      first: { eventId: first.id, terminalId: 'T2', storeId: 's1' },
      second: { eventId: second.id, terminalId: 'T3', storeId: 's1' },
    });
  });
});
