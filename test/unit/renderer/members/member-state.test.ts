import { describe, expect, it } from 'vitest';
import type { Identification } from '../../../../renderer/src/features/members/identify';
import {
  INITIAL_MEMBER_STATE,
  memberReducer,
  type MemberAction,
  type MemberState,
} from '../../../../renderer/src/features/members/member-state';
import { ANNA, BOB, CARD_ANNA, CARD_BOB, CARD_UNKNOWN } from './fixtures';

const anna: Identification = { kind: 'member', memberId: ANNA.memberId, via: 'card', card: CARD_ANNA };
const bob: Identification = { kind: 'member', memberId: BOB.memberId, via: 'card', card: CARD_BOB };
const provisional: Identification = { kind: 'provisional', card: CARD_UNKNOWN };
const run = (...actions: MemberAction[]): MemberState => actions.reduce(memberReducer, INITIAL_MEMBER_STATE);

describe('one member per sale', () => {
  it('attaches the first member identified', () => {
    expect(run({ type: 'identified', identification: anna }).attached).toEqual(anna);
  });

  it('says a card is being looked up online, and the answer replaces the message', () => {
    const looking = run({ type: 'looking-up', card: CARD_BOB });
    expect(looking.notice).toEqual({ key: 'members.lookingUp', values: { card: CARD_BOB } });
    expect(looking.attached).toBeNull();
    expect(memberReducer(looking, { type: 'identified', identification: bob })).toMatchObject({
      attached: bob,
      notice: null,
    });
    const unknown = { key: 'members.refused.card-unknown', values: { card: CARD_UNKNOWN } } as const;
    expect(memberReducer(looking, { type: 'refused', notice: unknown })).toMatchObject({
      attached: null,
      notice: unknown,
    });
  });

  it('asks before a second card replaces the first, and replaces only on confirm', () => {
    const asked = run(
      { type: 'identified', identification: anna },
      { type: 'identified', identification: bob },
    );
    expect(asked.attached).toEqual(anna);
    expect(asked.confirm).toEqual(bob);
    expect(memberReducer(asked, { type: 'confirm-replace' })).toMatchObject({ attached: bob, confirm: null });
    expect(memberReducer(asked, { type: 'cancel-replace' })).toMatchObject({ attached: anna, confirm: null });
  });

  it('the same member again (another of their cards, the app) changes nothing and says so', () => {
    const s = run(
      { type: 'identified', identification: anna },
      { type: 'identified', identification: { ...anna, via: 'app', card: null } },
    );
    expect(s.attached).toEqual(anna);
    expect(s.confirm).toBeNull();
    expect(s.notice).toEqual({ key: 'members.alreadyOnSale' });
  });

  it('a provisional member can be replaced by a known one, with the same question', () => {
    const s = run(
      { type: 'identified', identification: provisional },
      { type: 'identified', identification: anna },
    );
    expect(s.confirm).toEqual(anna);
    expect(memberReducer(s, { type: 'confirm-replace' }).attached).toEqual(anna);
  });

  it('removes the member, and forgets them when the sale completes', () => {
    expect(run({ type: 'identified', identification: anna }, { type: 'remove' }).attached).toBeNull();
    expect(run({ type: 'identified', identification: anna }, { type: 'sale-completed' }).attached).toBeNull();
  });

  it('remembers the accepted app-code step after the sale, so the same code is refused later', () => {
    const s = run(
      { type: 'identified', identification: { ...anna, via: 'app', card: null }, step: 5_000_001 },
      { type: 'sale-completed' },
    );
    expect(s.acceptedSteps).toEqual({ [ANNA.memberId]: 5_000_001 });
  });

  it('a confirm with nothing to confirm is a no-op', () => {
    const s = run({ type: 'identified', identification: anna });
    expect(memberReducer(s, { type: 'confirm-replace' })).toBe(s);
  });
});
