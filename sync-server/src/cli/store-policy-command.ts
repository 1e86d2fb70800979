import type { Command } from 'commander';
import { changeStorePolicy, storePolicy, type StorePolicyView } from '../domain/store-policy';
import { CliFailure, integerIn, out, withStorage } from './options';
import { printTable } from './print';

/** One option per number of the policy, with the bounds of core/store/store-policy.ts. */
const OPTIONS = [
  {
    part: 'offlinePolicy',
    key: 'memberDailyPoints',
    flag: 'member-daily-points',
    min: 0,
    max: 1e9,
    what: 'points one member may redeem offline per day at a till',
  },
  {
    part: 'offlinePolicy',
    key: 'tillDailyPoints',
    flag: 'till-daily-points',
    min: 0,
    max: 1e9,
    what: 'points all members may redeem offline per day at a till',
  },
  {
    part: 'offlinePolicy',
    key: 'staleAfterMinutes',
    flag: 'stale-after-minutes',
    min: 1,
    max: 525_600,
    what: 'minutes after which a member replica is stale',
  },
  {
    part: 'offlinePolicy',
    key: 'staleMemberDailyPoints',
    flag: 'stale-member-daily-points',
    min: 0,
    max: 1e9,
    what: 'the per-member daily cap when the replica is stale',
  },
  {
    part: 'offlinePolicy',
    key: 'giftCardDailyCents',
    flag: 'gift-card-daily-cents',
    min: 0,
    max: 1e9,
    what: 'cents one gift card may spend offline per day',
  },
  {
    part: 'offlinePolicy',
    key: 'tillGiftCardDailyCents',
    flag: 'till-gift-card-daily-cents',
    min: 0,
    max: 1e9,
    what: 'gift-card cents a till may take offline per day',
  },
  {
    part: 'offlinePolicy',
    key: 'returnOverdraftPoints',
    flag: 'return-overdraft-points',
    min: 0,
    max: 1e9,
    what: 'how far below zero a return may take a member',
  },
  {
    part: 'sanityLimits',
    key: 'maxQuantity',
    flag: 'max-quantity',
    min: 1,
    max: 100_000,
    what: 'units on one line before a manager is asked',
  },
  {
    part: 'sanityLimits',
    key: 'maxWeightGrams',
    flag: 'max-weight-grams',
    min: 1,
    max: 10_000_000,
    what: 'grams on one line before a manager is asked',
  },
  {
    part: 'sanityLimits',
    key: 'maxLineCents',
    flag: 'max-line-cents',
    min: 1,
    max: 100_000_000_000,
    what: 'cents of one line before a manager is asked',
  },
] as const;

/** commander's camelCase of a flag. */
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function printPolicy(p: StorePolicyView): void {
  const rows = OPTIONS.map((o) => {
    const part = p[o.part] as Record<string, number>;
    const isDefault = p.defaults[o.part];
    return [`--${o.flag}`, String(part[o.key]), isDefault ? 'default' : 'set', o.what];
  });
  out(`Store ${p.storeId}:`);
  printTable(out, ['option', 'value', '', 'meaning'], rows);
}

/** `stores policy <store> [--member-daily-points n] … [--json]`: show, or set and show. */
export function storePolicyCommand(stores: Command): void {
  const cmd = stores
    .command('policy')
    .description(
      "show a store's offline policy and line limits, or set some of them (the store's tills get them with their next pull)",
    )
    .argument('<store>', 'the store');
  for (const o of OPTIONS) {
    cmd.option(`--${o.flag} <n>`, o.what, integerIn(o.min, o.max, `--${o.flag}`));
  }
  cmd
    .option('--default-policy', 'go back to the default offline policy', false)
    .option('--default-limits', 'go back to the default line limits', false)
    .option('--json', 'machine-readable output', false)
    .action(async (store: string, opts: Record<string, unknown>, command: Command) => {
      const change: Record<'offlinePolicy' | 'sanityLimits', Record<string, number> | null | undefined> = {
        offlinePolicy: opts.defaultPolicy === true ? null : undefined,
        sanityLimits: opts.defaultLimits === true ? null : undefined,
      };
      for (const o of OPTIONS) {
        const v = opts[camel(o.flag)];
        if (typeof v !== 'number') continue;
        if (change[o.part] === null) {
          command.error(
            `error: --${o.flag} cannot go with --default-${o.part === 'offlinePolicy' ? 'policy' : 'limits'}.`,
            {
              exitCode: 2,
            },
          );
        }
        change[o.part] = { ...(change[o.part] ?? {}), [o.key]: v };
      }
      const changes = change.offlinePolicy !== undefined || change.sanityLimits !== undefined;
      const r = await withStorage(command, (s) =>
        changes ? changeStorePolicy(s, store, change) : storePolicy(s, store),
      );
      if (!r.ok) throw new CliFailure(changes ? `Nothing changed: ${r.message}` : r.message);
      if (opts.json === true) return out(JSON.stringify({ policy: r.value }));
      printPolicy(r.value);
    });
}
