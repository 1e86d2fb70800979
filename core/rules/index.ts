export * from './model';
export { programSchema, ruleSchema, PROGRAM_KINDS, type Program, type Rule } from './schema/program';
export { conditionSchema, CONDITION_TYPES, type Condition } from './schema/condition';
export { effectSchema, EFFECT_TYPES, type Effect } from './schema/effect';
export { tierLadderSchema, type TierLadder } from './schema/tier-ladder';
export type { LineMatch, Rounding } from './schema/common';
export { parseProgram, formatIssues, formatPath, type ProgramIssue } from './validate';
export { compileProgram, createProgramCache, type CompiledProgram, type ProgramCache } from './compile';
export { evaluate } from './evaluate';
export type { Evaluation, TraceEntry, NearMiss, LineResult, RuleUsage, BonusCapResult } from './result';
export { TRACE_OUTCOMES, NEAR_MISS_KINDS } from './result';
export { LIMIT_REASONS, type LimitReason } from './limits';
export {
  MESSAGE_CODES,
  type LoyaltyMessage,
  type MessageCode,
  type MessageMoney,
  type MessageParams,
} from './messages';
export type { AppliedEffect } from './effects/types';
export type { LedgerEntry } from './ledger';
export { computeTier, type TierHistoryEntry, type TierStatus } from './tiers';
export { instantOfLocal, localTime, type LocalTime } from './local-time';
export { roundBy } from './effects/points';
export { basketSchema, basketLineSchema, memberSchema, eventSchema, channelSchema } from './schema/inputs';
export { programJsonSchema } from './json-schema';
export { compareShadow, type ShadowComparison } from './shadow';
export { basketFromSale, basketLineFromSale } from './from-sale';
export { ROUND_UP_FLAG, roundUpCents, roundUpOfferOf, type RoundUpOffer } from './round-up-offer';
