import type { Command } from 'commander';
import {
  checkRewards,
  listRewards,
  publishRewards,
  retireReward,
  type RewardSource,
} from '../domain/rewards';
import { CliFailure, out, withStorage } from './options';
import { retiredText, scopeText } from './catalogue-text';
import { readJsonDocuments } from './json-files';
import { iso, printTable } from './print';

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
      const { documents, unreadable } = readJsonDocuments(files);
      const sources: RewardSource[] = documents.map((d) => ({ source: d.source, reward: d.value }));
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
      out(retiredText(id, r.value.retired));
    });
}
