import { describe, expect, it } from 'vitest';
import { enrolmentV2Schema, eventHash, GENESIS_HASH } from '../../../../core/journal';
import { shownBalance } from '../../../../core/loyalty/balance-rule';
import {
  buildEnrolmentEvent,
  maskedName,
  memberDocOfEnrolment,
} from '../../../../renderer/src/features/enrolment/build-enrolment-event';
import type { ValidEnrolment } from '../../../../renderer/src/features/enrolment/enrolment-form';
import { CARD_UNKNOWN } from '../members/fixtures';

const enrolment: ValidEnrolment = {
  fullName: 'Marieke van Dam',
  email: 'marieke@example.nl',
  phone: { hash: 'bcaf8e181a10a09c66bbf1f7b1743e89f1023f7c75566ad8790d1b73d955349a', last3: '699' },
  card: CARD_UNKNOWN,
  cardSource: 'stock',
  referralCode: 'FRIEND-42',
  marketing: false,
};
// 2026-11-30 23:30 UTC is already 1 December in Amsterdam.
const NOW = Date.UTC(2026, 10, 30, 23, 30);
const ctx = {
  id: '01KB0ENR000000000000000001',
  memberId: '01KB0MEMBER000000000000001',
  terminalId: 'till-1',
  store: { storeId: 'store-ams', timeZone: 'Europe/Amsterdam' },
  seq: 8,
  prevHash: GENESIS_HASH,
  nowMs: NOW,
  consentTextVersion: 'nl-2026-11',
};

describe('the enrolment event a till writes', () => {
  const event = buildEnrolmentEvent(enrolment, ctx);

  it('is one enrolment v2 event with the new member id, the card, where it came from and the two consents', () => {
    expect(enrolmentV2Schema.safeParse(event).success).toBe(true);
    expect(event).toMatchObject({
      id: ctx.id,
      type: 'enrolment',
      schemaVersion: 2,
      terminalId: 'till-1',
      storeId: 'store-ams',
      seq: 8,
      prevHash: GENESIS_HASH,
      createdAt: NOW,
      businessDay: '2026-12-01',
      memberId: ctx.memberId,
      card: CARD_UNKNOWN,
      cardSource: 'stock',
      fullName: 'Marieke van Dam',
      email: 'marieke@example.nl',
      phoneHash: enrolment.phone?.hash,
      phoneLast3: '699',
      consent: { marketing: false, dataProcessing: true, textVersion: 'nl-2026-11' },
      referralCode: 'FRIEND-42',
    });
  });

  it('is sealed into the chain: its hash covers every other field', () => {
    const { hash, ...rest } = event;
    expect(hash).toBe(eventHash(rest));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never carries the typed phone number', () => {
    expect(Object.keys(event)).not.toContain('phone');
    expect(JSON.stringify(event)).not.toMatch(/0612|\+316/);
  });
});

describe('the new member until the replica has them', () => {
  const doc = memberDocOfEnrolment(buildEnrolmentEvent(enrolment, ctx));

  it('is masked like the server masks, with the card, balance 0 and no history', () => {
    expect(doc).toMatchObject({
      memberId: ctx.memberId,
      cards: [CARD_UNKNOWN],
      displayName: 'M. van D…',
      phoneLast3: '699',
      balance: 0,
      pendingPoints: 0,
      appliedThrough: {},
      enrolledAt: NOW,
      optedIn: false,
      tier: null,
    });
    expect(doc.counters.purchaseCount).toBe(0);
    expect(JSON.stringify(doc)).not.toContain('Marieke');
  });

  it('earns on this very sale: the balance rule counts the till’s sale for them', () => {
    const sale = {
      terminalId: 'till-1',
      seq: 9,
      loyalty: { memberId: ctx.memberId, ledger: [{ account: 'points', amount: 45 }] },
    };
    expect(shownBalance(doc, doc.memberId, 'till-1', [sale])).toEqual({ spendable: 45, unsynced: 45 });
  });

  it('masks names as the server does', () => {
    expect(maskedName('Johanna de Vries')).toBe('J. de V…');
    expect(maskedName('cher')).toBe('C.');
    expect(maskedName('   ')).toBe('…');
  });
});
