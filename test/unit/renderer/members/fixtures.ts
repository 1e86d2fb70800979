import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import { phoneHash } from '../../../../core/loyalty/phone';
import { withCheckDigit } from '../../../../core/scan/gtin';

/** Demo-format card numbers (DEMO_SCAN_CONFIG: kassa-fob 2620…, 13 digits, GS1 check digit). */
export const CARD_ANNA = withCheckDigit('262000000001');
export const CARD_ANNA_FOB = withCheckDigit('262000000011');
export const CARD_BOB = withCheckDigit('262000000002');
export const CARD_UNKNOWN = withCheckDigit('262099999999');

export function memberDoc(over: Partial<MemberDoc> & Pick<MemberDoc, 'memberId'>): MemberDoc {
  return {
    cards: [],
    phoneHash: null,
    displayName: 'A. Member',
    phoneLast3: null,
    tier: null,
    segments: [],
    birthday: null,
    enrolledAt: Date.UTC(2024, 0, 1),
    optedIn: true,
    balance: 0,
    pendingPoints: 0,
    lifetimeEarned: 0,
    appliedThrough: {},
    counters: { purchaseCount: 0, visits: [], rules: {}, stamps: {}, challenges: {}, badges: [] },
    serverSeq: 1,
    _deleted: false,
    ...over,
  };
}

export const ANNA = memberDoc({
  memberId: '01JANNA0000000000000000000',
  cards: [CARD_ANNA, CARD_ANNA_FOB],
  phoneHash: phoneHash('+31612345678'),
  displayName: 'A. de V…',
  phoneLast3: '678',
  tier: 'gold',
  balance: 1200,
  pendingPoints: 40,
  appliedThrough: { 'till-1': 3 },
});

export const BOB = memberDoc({
  memberId: '01JB0B00000000000000000000',
  cards: [CARD_BOB],
  displayName: 'B. J…',
  balance: 50,
});
