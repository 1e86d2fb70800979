import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkRewards,
  listRewards,
  publishRewards,
  retireReward,
  type RewardSource,
} from '../domain/rewards';
import { CliFailure, out, withStorage } from './options';
import { printTable } from './print';

const iso = (ms: number | null): string => (ms === null ? '' : new Date(ms).toISOString());
const scopeText = (stores: string[] | null): string => (stores === null ? 'every store' : stores.join(', '));

/** Reads a JSON file; unreadable or not JSON is a mistake of that file, listed with the others. */
function readJson(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    return { ok: false, message: `cannot read ${resolve(file)} (${why})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** `rewards import|list|retire`: the rewards catalogue HQ publishes (as `programs …` does programs). */
export function rewardsCommand(program: Command): void {
  const rewards = program.command('rewards').description('publish, list and retire rewards of the catalogue');

  rewards
    .command('import')
    .description(
      'validate and publish reward files (all or none; a published version never changes: same content is "unchanged", other content is refused)',
    )
    .argument('<file...>', 'reward JSON files (one reward, or a list of rewards, per file)')
    .option('--json', 'machine-readable output', false)
    .action(async (files: string[], opts: { json: boolean }, command: Command) => {
      const sources: RewardSource[] = [];
      const unreadable: string[] = [];
      for (const file of files) {
        const r = readJson(file);
        if (!r.ok) unreadable.push(`${file}: ${r.message}`);
        else if (Array.isArray(r.value))
          r.value.forEach((x, i) => sources.push({ source: `${file}[${i}]`, reward: x }));
        else sources.push({ source: file, reward: r.value });
      }
      // Every mistake at once: unreadable files and the mistakes of the readable ones.
      const invalid = checkRewards(sources).issues.map((i) => `${i.source}: ${i.path}: ${i.message}`);
      if (unreadable.length + invalid.length > 0) {
        throw new CliFailure(`Nothing published.\n${[...unreadable, ...invalid].join('\n')}`);
      }
      const r = await withStorage(command, (s) => publishRewards(s, sources, Date.now()));
      if (!r.ok) throw new CliFailure(`Nothing published.\n${r.message}`);
      if (opts.json) return out(JSON.stringify({ rewards: r.value }));
      for (const x of r.value) {
        out(
          `${x.outcome}  ${x.rewardId} v${x.version}  "${x.name}"  (${scopeText(x.scopeStores)}; ${x.source})`,
        );
      }
      const n = r.value.filter((x) => x.outcome === 'published').length;
      out(`${n} published, ${r.value.length - n} unchanged.`);
    });

  rewards
    .command('list')
    .description('list published reward versions, retired ones too')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) => listRewards(s));
      if (opts.json) return out(JSON.stringify({ rewards: list }));
      if (list.length === 0) return out('No rewards published.');
      printTable(
        out,
        ['id', 'version', 'name', 'kind', 'cost', 'scope', 'published', 'retired'],
        list.map((x) => [
          x.rewardId,
          String(x.version),
          x.name,
          x.kind,
          `${x.cost} ${x.currency}`,
          scopeText(x.scopeStores),
          iso(x.publishedAt),
          iso(x.retiredAt),
        ]),
      );
    });

  rewards
    .command('retire')
    .description('retire every version of a reward (tills drop it on their next pull)')
    .argument('<id>', 'the reward id')
    .option('--json', 'machine-readable output', false)
    .action(async (id: string, opts: { json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => retireReward(s, id, Date.now()));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify(r.value));
      out(
        r.value.retired === 0
          ? `${id} was already retired.`
          : `Retired ${id} (${r.value.retired} version${r.value.retired === 1 ? '' : 's'}).`,
      );
    });
}
