import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../../core/journal';
import type { StoreSettings } from '../../../../core/store/store-settings';
import { buildTransferEvent } from '../../../../renderer/src/features/spend/build-transfer-event';

const DEFAULT_STORE_SETTINGS: StoreSettings = {
  storeId: 'store-1',
  name: 'Demo',
  currency: 'EUR',
  timeZone: 'Europe/Amsterdam',
  locale: 'nl-NL',
  variableMeasure: [],
};
const NOON = Date.UTC(2026, 11, 1, 11);
const ID = '01KBZ0000000000000000000T1';

describe('a points transfer written at the till', () => {
  it("takes the points off the giver in its loyalty block and gives them to the receiver, with the transfer's row ids", () => {
    const e = buildTransferEvent(
      { fromMemberId: 'm-giver', toMemberId: 'm-friend', points: 150, note: 'for a friend', overrides: [] },
      {
        id: ID,
        terminalId: 't1',
        store: DEFAULT_STORE_SETTINGS,
        seq: 1,
        prevHash: GENESIS_HASH,
        nowMs: NOON,
      },
    );
    expect(e.loyalty.memberId).toBe('m-giver');
    expect(e.loyalty.ledger.map((r) => [r.id, r.account, r.amount])).toEqual([
      [`${ID}/transfer/from`, 'points', -150],
    ]);
    expect(e.receiver.ledger.map((r) => [r.id, r.account, r.amount])).toEqual([
      [`${ID}/transfer/to`, 'points', 150],
    ]);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a member giving points to themselves', () => {
    expect(() =>
      buildTransferEvent(
        { fromMemberId: 'm1', toMemberId: 'm1', points: 1, note: '', overrides: [] },
        {
          id: ID,
          terminalId: 't1',
          store: DEFAULT_STORE_SETTINGS,
          seq: 1,
          prevHash: GENESIS_HASH,
          nowMs: NOON,
        },
      ),
    ).toThrow();
  });
});
