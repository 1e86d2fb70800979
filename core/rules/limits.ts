import type { CompiledRule } from './compile';
import type { Member } from './model';

export type LimitReason =
  | 'per-member-per-day'
  | 'per-member-per-year'
  | 'per-member-lifetime'
  | 'member-required';

/**
 * Whether the member's counters (which come in with the member) still allow this rule today.
 * A rule with member limits needs a member: without one its use could not be counted.
 */
export function limitReached(rule: CompiledRule, member: Member | null, today: string): LimitReason | null {
  const limits = rule.rule.limits;
  if (
    !limits ||
    (limits.perMemberPerDay === undefined &&
      limits.perMemberPerYear === undefined &&
      limits.perMemberLifetime === undefined)
  ) {
    return null;
  }
  if (!member) return 'member-required';
  const counter = member.counters[rule.counterKey];
  if (limits.perMemberLifetime !== undefined && (counter?.lifetime ?? 0) >= limits.perMemberLifetime) {
    return 'per-member-lifetime';
  }
  if (limits.perMemberPerDay !== undefined && (counter?.byDay?.[today] ?? 0) >= limits.perMemberPerDay) {
    return 'per-member-per-day';
  }
  if (limits.perMemberPerYear !== undefined) {
    const year = today.slice(0, 4);
    let used = 0;
    for (const [day, n] of Object.entries(counter?.byDay ?? {})) if (day.startsWith(year)) used += n;
    if (used >= limits.perMemberPerYear) return 'per-member-per-year';
  }
  return null;
}

export function limitText(reason: LimitReason, rule: CompiledRule): string {
  const l = rule.rule.limits;
  switch (reason) {
    case 'per-member-per-day':
      return `Not applied: ${rule.rule.name} — already used ${l?.perMemberPerDay} time(s) today`;
    case 'per-member-per-year':
      return `Not applied: ${rule.rule.name} — already used ${l?.perMemberPerYear} time(s) this year`;
    case 'per-member-lifetime':
      return `Not applied: ${rule.rule.name} — already used ${l?.perMemberLifetime} time(s), the most allowed`;
    case 'member-required':
      return `Not applied: ${rule.rule.name} — members only`;
  }
}
