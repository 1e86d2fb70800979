import { compileCondition } from '../../../../../core/rules/conditions/compile-condition';
import { buildFacts } from '../../../../../core/rules/facts';
import type { Basket, Condition, EvalContext, Member } from '../../../../../core/rules/index';
import { conditionSchema } from '../../../../../core/rules/index';
import { basket, ctx, line, member } from './builders';

const defaultBasket = basket([
  line('a', 'latte', 350, { category: 'coffee', quantity: 2 }),
  line('b', 'muffin', 295),
]);

/** Whether a (schema-checked) condition passes for the given basket, member and context. */
export function passes(
  condition: Condition,
  opts: { basket?: Basket; member?: Member | null; ctx?: Partial<EvalContext> } = {},
): boolean {
  const parsed = conditionSchema.parse(condition);
  const m = opts.member === undefined ? member() : opts.member;
  return compileCondition(parsed)(buildFacts(opts.basket ?? defaultBasket, m, ctx(opts.ctx)));
}
