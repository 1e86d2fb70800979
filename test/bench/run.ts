/**
 * `npm run bench`: runs every test/bench/*.bench.ts in its own process (so one benchmark's heap
 * and JIT state do not colour the next), then joins their sections into RESULTS.md.
 * `npm run bench -- rules` runs only the benchmarks whose file name contains "rules".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !filter || f.includes(filter))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n▶ ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`✗ ${file} exited with ${r.status}\n`);
  }
}

const resultsDir = join(here, 'results');
const sections = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => readFileSync(join(resultsDir, f), 'utf8'))
  : [];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const header = `# Kassa benchmarks

Written by \`npm run bench\`. Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB,
Node ${process.version}. Each figure stands beside a named alternative measured in the same run.
`;
writeFileSync(join(here, 'RESULTS.md'), [header, ...sections].join('\n'));
process.stdout.write(`\nWrote test/bench/RESULTS.md (${sections.length} sections)\n`);
process.exit(failed ? 1 : 0);
