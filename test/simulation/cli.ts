import { Command, InvalidArgumentError } from 'commander';
import { failureReport, formatSummary, summarise } from './report';
import { disposeTemplate, MAX_TILLS } from './sim-server';
import { shrink } from './shrink';
import { simulate, type SimOptions, type SimResult } from './simulation';
import type { PlantedBug } from './sim-till';

const int =
  (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`a whole number from ${min} to ${max}`);
    return n;
  };
const list = (v: string) =>
  v.split(',').map((x) => {
    const n = Number(x);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('fault numbers, comma separated');
    return n;
  });
const BUGS: readonly PlantedBug[] = [
  'resume-from-ack',
  'swallow-push-errors',
  'answer-before-commit',
  'count-synced-twice',
  'forget-used-coupons',
];

const program = new Command('simulate')
  .description(
    "Kassa's deterministic fleet simulation: tills and the sync server in one process, from a seed.",
  )
  .option('--seeds <n>', 'run this many seeds, from --from on', int(1), 20)
  .option('--from <seed>', 'the first seed of --seeds', int(0), 1)
  .option('--seed <seed>', 'run (replay) this one seed', int(0))
  .option('--steps <k>', 'steps per seed', int(1), 100)
  .option('--tills <n>', `tills (3–${MAX_TILLS})`, int(3, MAX_TILLS), MAX_TILLS)
  .option('--without <faults>', 'switch these faults off (numbers from a shortened trace)', list)
  .option(
    '--plant <bug>',
    `plant a known bug to see the simulation catch it (${BUGS.join(', ')})`,
    (v: string) => {
      if (!BUGS.includes(v as PlantedBug)) throw new InvalidArgumentError(`one of ${BUGS.join(', ')}`);
      return v as PlantedBug;
    },
  )
  .option('--strict', 'fail on a known issue too (README, "Known issues")')
  .option('--trace', 'print the whole trace of every seed')
  .option('--no-shrink', 'report a failing seed without shortening its trace')
  .action(
    async (o: {
      seeds: number;
      from: number;
      seed?: number;
      steps: number;
      tills: number;
      without?: number[];
      plant?: PlantedBug;
      strict?: boolean;
      trace?: boolean;
      shrink: boolean;
    }) => {
      const seeds = o.seed !== undefined ? [o.seed] : Array.from({ length: o.seeds }, (_, i) => o.from + i);
      const started = performance.now();
      const results: SimResult[] = [];
      try {
        for (const seed of seeds) {
          const options: SimOptions = {
            seed,
            steps: o.steps,
            tills: o.tills,
            ...(o.without ? { without: new Set(o.without) } : {}),
            ...(o.plant ? { bug: o.plant } : {}),
            ...(o.strict ? { strict: true } : {}),
          };
          const r = await simulate(options);
          results.push(r);
          if (o.trace) console.log(r.trace.join('\n'));
          if (r.failure) {
            const shrunk = o.shrink ? await shrink(options, r) : undefined;
            console.log(failureReport(options, r, shrunk));
          } else if (seeds.length <= 20 || seed % 100 === 0) {
            console.log(
              `seed ${seed} ok: ${r.sales} sales, ${r.faults.length} faults, converged ${((r.convergedAfterMs ?? 0) / 1000).toFixed(0)} s after healing`,
            );
          }
        }
      } finally {
        await disposeTemplate();
      }
      console.log(formatSummary(summarise(results, performance.now() - started)));
      process.exitCode = results.some((r) => r.failure) ? 1 : 0;
    },
  );

await program.parseAsync();
