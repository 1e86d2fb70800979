import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { createProgramCache, evaluate } from '../../../../core/rules/index';
import { generateCase, generateProgram, jreFacts, toJreRules } from './support/generated-rules';

/**
 * Differential test against json-rules-engine: the same 200 generated rule conditions, expressed in
 * both engines, fire exactly the same rules on the same baskets (the benchmark relies on this).
 */
describe('differential: Kassa rules vs json-rules-engine', () => {
  const program = generateProgram(200, 7);
  const cache = createProgramCache();
  const engine = new Engine(toJreRules(program), { allowUndefinedFacts: true });

  it('fires the same rules on 150 random 20-line baskets', async () => {
    let fired = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { basket, member, ctx } = generateCase(20, seed);
      const ours = evaluate([cache.get(program)], basket, member, ctx)
        .usage.map((u) => u.ruleId)
        .sort();
      const { events } = await engine.run(jreFacts(basket, member, ctx));
      const theirs = events.map((e) => e.type).sort();
      expect(ours).toEqual(theirs);
      fired += ours.length;
    }
    // the comparison means something only if rules both fire and do not fire
    expect(fired).toBeGreaterThan(150);
    expect(fired).toBeLessThan(150 * 200 * 0.8);
  });
});
