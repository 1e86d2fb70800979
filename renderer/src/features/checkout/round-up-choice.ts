import {
  ROUND_UP_FLAG,
  roundUpCents,
  roundUpOfferOf,
  type CompiledProgram,
  type Evaluation,
} from '../../../../core/rules';
import type { RoundUpChoice } from './TenderPanel';

/**
 * The round-up toggle of the tender, or null: offered when a program in force has a rule that a
 * customer's 'round-up' choice triggers, and the goods are not already a round amount. The amount
 * shown is what rounding the goods after discounts adds; what the sale takes is the evaluation's
 * (with the flag set, the rule gives exactly this donation).
 */
export function roundUpChoiceOf(
  programs: readonly CompiledProgram[],
  evaluation: Evaluation,
  flags: readonly string[],
  setFlag: (flag: string, on: boolean) => void,
): RoundUpChoice | null {
  const offer = roundUpOfferOf(programs);
  if (!offer) return null;
  const net = evaluation.totals.netCents;
  const extraCents = roundUpCents(net, offer.toCents);
  const on = flags.includes(ROUND_UP_FLAG);
  if (extraCents === 0 && !on) return null;
  return {
    cause: offer.cause,
    targetCents: net + extraCents,
    extraCents,
    on,
    toggle: (next) => setFlag(ROUND_UP_FLAG, next),
  };
}
