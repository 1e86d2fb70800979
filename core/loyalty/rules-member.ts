import type { Member } from '../rules/model';
import type { MemberDoc } from './member-doc';

/**
 * A member document as the rules engine sees it: the same mapping on the till (live evaluation)
 * and on the server (re-evaluation for rule drift), so both evaluate the same member.
 */
export function rulesMemberOf(
  m: Pick<MemberDoc, 'memberId' | 'tier' | 'segments' | 'birthday' | 'enrolledAt' | 'optedIn' | 'counters'>,
): Member {
  return {
    id: m.memberId,
    ...(m.tier !== null ? { tier: m.tier } : {}),
    segments: m.segments,
    ...(m.birthday !== null ? { birthday: m.birthday } : {}),
    enrolledAt: m.enrolledAt,
    optedIn: m.optedIn,
    purchaseCount: m.counters.purchaseCount,
    visits: m.counters.visits,
    counters: m.counters.rules,
    stamps: m.counters.stamps,
    challenges: m.counters.challenges,
  };
}
