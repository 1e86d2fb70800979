import type { CompiledRule } from './compile';
import { message, type LoyaltyMessage } from './messages';
import type { Member } from './model';

export const LIMIT_REASONS = [
  'per-member-per-day',
  'per-member-per-year',
  'per-member-lifetime',
  'member-required',
] as const;
export type LimitReason = (typeof LIMIT_REASONS)[number];

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

export function limitMessage(reason: LimitReason, rule: CompiledRule): LoyaltyMessage {
  const l = rule.rule.limits;
  const name = rule.rule.name;
  switch (reason) {
    case 'per-member-per-day':
      return message('limit-per-day', { rule: name, times: l?.perMemberPerDay ?? 0 });
    case 'per-member-per-year':
      return message('limit-per-year', { rule: name, times: l?.perMemberPerYear ?? 0 });
    case 'per-member-lifetime':
      return message('limit-lifetime', { rule: name, times: l?.perMemberLifetime ?? 0 });
    case 'member-required':
      return message('limit-members-only', { rule: name });
  }
}
