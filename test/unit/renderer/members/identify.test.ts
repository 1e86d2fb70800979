import { describe, expect, it } from 'vitest';
import { phoneHash } from '../../../../core/loyalty/phone';
import {
  countryCodeFor,
  identifyAppCode,
  identifyCard,
  identifyPhone,
  resolveAppCode,
} from '../../../../renderer/src/features/members/identify';
import { createMemberIndex } from '../../../../renderer/src/features/members/member-index';
import { ANNA, BOB, CARD_ANNA, CARD_ANNA_FOB, CARD_BOB, CARD_UNKNOWN, memberDoc } from './fixtures';

describe('identifying the member of a sale', () => {
  const index = createMemberIndex([ANNA, BOB]);

  it('finds a member by any of their cards', () => {
    expect(identifyCard(CARD_ANNA, index)).toEqual({
      kind: 'member',
      memberId: ANNA.memberId,
      via: 'card',
      card: CARD_ANNA,
    });
    expect(identifyCard(CARD_ANNA_FOB, index)).toMatchObject({ memberId: ANNA.memberId });
    expect(identifyCard(CARD_BOB, index)).toMatchObject({ memberId: BOB.memberId });
  });

  it('makes an unknown card a provisional member (earns, cannot redeem)', () => {
    expect(identifyCard(CARD_UNKNOWN, index)).toEqual({ kind: 'provisional', card: CARD_UNKNOWN });
  });

  it('takes a member-app code only when core/scan verified it', () => {
    expect(identifyAppCode({ memberRef: ANNA.memberId, verification: 'verified' }, index)).toEqual({
      ok: true,
      value: { kind: 'member', memberId: ANNA.memberId, via: 'app', card: null },
    });
    expect(identifyAppCode({ memberRef: ANNA.memberId, verification: 'unverified' }, index)).toMatchObject({
      ok: false,
      reason: 'app-unverified',
    });
    expect(identifyAppCode({ memberRef: 'NOBODY', verification: 'verified' }, index)).toMatchObject({
      ok: false,
      reason: 'member-unknown',
    });
  });

  it('looks a verified app code’s member up online by id when the replica does not have them', async () => {
    const asked: string[] = [];
    const ctx = (online: boolean | null, answer: 'found' | 'unknown' | 'unreachable') => ({
      online,
      lookupById: async (id: string) => {
        asked.push(id);
        return answer === 'found'
          ? { kind: 'found' as const, doc: memberDoc({ memberId: id }) }
          : { kind: answer };
      },
    });
    const verified = (memberRef: string) => ({ memberRef, verification: 'verified' as const });
    expect(await resolveAppCode(verified(ANNA.memberId), index, ctx(true, 'found'))).toEqual({
      ok: true,
      value: { identification: { kind: 'member', memberId: ANNA.memberId, via: 'app', card: null } },
    });
    expect(asked).toEqual([]);
    expect(await resolveAppCode(verified('01JFAR'), index, ctx(true, 'found'))).toMatchObject({
      ok: true,
      value: { identification: { memberId: '01JFAR', via: 'app' }, doc: { memberId: '01JFAR' } },
    });
    expect(asked).toEqual(['01JFAR']);
    for (const [online, answer] of [
      [false, 'found'],
      [true, 'unknown'],
      [null, 'unreachable'],
    ] as const) {
      expect(await resolveAppCode(verified('01JFAR'), index, ctx(online, answer))).toMatchObject({
        ok: false,
        reason: 'member-unknown',
      });
    }
    expect(asked).toHaveLength(3);
  });

  it('finds a member by a phone number typed the way people type it, in the store’s country', () => {
    for (const typed of ['06 12 34 56 78', '06-12345678', '+31 6 1234 5678', '0031612345678']) {
      expect(identifyPhone(typed, '31', index), typed).toMatchObject({
        ok: true,
        value: { memberId: ANNA.memberId, via: 'phone' },
      });
    }
    // The same digits in a Romanian store are another number.
    expect(identifyPhone('06 12 34 56 78', '40', index)).toMatchObject({
      ok: false,
      reason: 'phone-unknown',
    });
    expect(identifyPhone('12', '31', index)).toMatchObject({ ok: false, reason: 'phone-invalid' });
  });

  it('derives the country code from the store locale', () => {
    expect(countryCodeFor('nl-NL')).toBe('31');
    expect(countryCodeFor('ro-RO')).toBe('40');
    expect(countryCodeFor('en-GB')).toBe('44');
    expect(countryCodeFor('nl')).toBe('31');
    expect(countryCodeFor('not a locale!')).toBeUndefined();
  });
});

describe('the member index', () => {
  it('follows a changed member: a card moved, a new phone, a deleted member', () => {
    const index = createMemberIndex([ANNA]);
    let changes = 0;
    index.subscribe(() => changes++);
    index.put({ ...ANNA, cards: [CARD_ANNA_FOB], phoneHash: phoneHash('+31699999999') });
    expect(index.byCard(CARD_ANNA)).toBeUndefined();
    expect(index.byCard(CARD_ANNA_FOB)?.memberId).toBe(ANNA.memberId);
    expect(index.byPhoneHash(ANNA.phoneHash!)).toBeUndefined();
    expect(index.byPhoneHash(phoneHash('+31699999999'))?.memberId).toBe(ANNA.memberId);
    index.put({ ...ANNA, _deleted: true });
    expect(index.byCard(CARD_ANNA_FOB)).toBeUndefined();
    expect(index.size).toBe(0);
    expect(changes).toBe(2);
  });

  it('a card reissued to another member points to the new member only', () => {
    const index = createMemberIndex([ANNA]);
    const carol = memberDoc({ memberId: 'CAROL', cards: [CARD_ANNA] });
    index.put({ ...ANNA, cards: [CARD_ANNA_FOB] });
    index.put(carol);
    expect(index.byCard(CARD_ANNA)?.memberId).toBe('CAROL');
    index.remove('CAROL');
    expect(index.byCard(CARD_ANNA)).toBeUndefined();
    expect(index.byId(ANNA.memberId)).toBeDefined();
  });
});
