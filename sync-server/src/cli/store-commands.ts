import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { issuePairingCode, pairTerminal } from '../domain/pairing';
import { regionField, saveStoreIn, saveStores } from '../domain/stores';
import { DEMO_MANAGERS } from '../demo/demo-managers';
import { seedDemoStorage } from '../demo/seed-demo';
import { CliFailure, integerIn, out, withStorage } from './options';
import { formatEuro, printTable } from './print';
import { storePolicyCommand } from './store-policy-command';

/** A region on the command line: bad usage (exit 2) with the rule, as any bad option value. */
function regionArgument(value: string): string {
  const r = regionField.safeParse(value);
  if (!r.success) throw new InvalidArgumentError(`${r.error.issues[0]?.message ?? 'not a region'}.`);
  return r.data;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String(e.code) : String(e);
    throw new CliFailure(`Nothing imported: cannot read ${resolve(file)} (${why}).`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliFailure(
      `Nothing imported: ${file} is not JSON (${e instanceof Error ? e.message : String(e)}).`,
    );
  }
}

/** `stores import|list|set-region|policy`: the chain's stores and the regions that share members. */
function storesCommands(program: Command): void {
  const stores = program.command('stores').description('create, list and place stores in regions');

  stores
    .command('import')
    .description(
      'create or update stores from a JSON file: one store or a list (all or none); "region": null takes a store out of its region, no "region" keeps it',
    )
    .argument('<file>', 'JSON: {storeId, name, currency, timeZone, locale, variableMeasure, region?}')
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, opts: { json: boolean }, command: Command) => {
      const input = readJson(file);
      const r = await withStorage(command, (s) => saveStores(s, input, Date.now()));
      if (!r.ok) throw new CliFailure(`Nothing imported: ${r.message}`);
      if (opts.json) return out(JSON.stringify({ stores: r.value }));
      for (const st of r.value) out(`${st.storeId}  "${st.name}"  region ${st.region ?? '(none)'}`);
      out(`${r.value.length} stores saved.`);
    });

  stores
    .command('list')
    .description('list the stores with their regions')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) => s.stores.list());
      if (opts.json) return out(JSON.stringify({ stores: list }));
      printTable(
        out,
        ['store', 'name', 'region', 'currency', 'locale', 'time zone'],
        list.map((st) => [st.storeId, st.name, st.region ?? '', st.currency, st.locale, st.timeZone]),
      );
    });

  stores
    .command('set-region')
    .description(
      "put a store in a region (its tills then replicate the region's members), or take it out with --no-region",
    )
    .requiredOption('--store <id>', 'the store')
    .option('--region <id>', 'a region id such as nl-randstad', regionArgument)
    .option('--no-region', 'no region: the store shares its members with no other store')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store: string; region?: string | false; json: boolean }, command: Command) => {
      if (opts.region === undefined) {
        command.error('error: give --region <id> or --no-region.', { exitCode: 2 });
      }
      const region = opts.region === false ? null : opts.region;
      const stored = await withStorage(command, (s) =>
        s.transaction(async (tx) => {
          const current = await tx.stores.record(opts.store);
          if (!current) throw new CliFailure(`There is no store "${opts.store}".`);
          return saveStoreIn(tx, { ...current, region }, Date.now());
        }),
      );
      if (opts.json) return out(JSON.stringify({ store: stored }));
      out(`${stored.storeId} is ${stored.region === null ? 'in no region' : `in region ${stored.region}`}.`);
    });

  storePolicyCommand(stores);
}

/** `seed-demo`, `pair-code` and `stores`: setting stores up and letting terminals in. */
export function storeCommands(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'create the demo store, catalogue, members and programs (idempotent) and a one-time pairing code',
    )
    .option(
      '--pair',
      'also pair a demo terminal now and print its config (terminalId, storeId, token)',
      false,
    )
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { pair: boolean; json: boolean }, command: Command) => {
      const r = await withStorage(command, async (s) => {
        const seeded = await seedDemoStorage(s, Date.now());
        if (!opts.pair) return { seeded, terminal: undefined };
        const paired = await pairTerminal(
          s,
          { code: seeded.pairingCode, terminalName: 'Demo terminal' },
          Date.now(),
        );
        if (!paired.ok) throw new CliFailure(paired.message);
        return { seeded, terminal: paired.value };
      });
      if (opts.json) {
        out(JSON.stringify({ ...r.seeded, ...(r.terminal ? { terminal: r.terminal } : {}) }));
        return;
      }
      out(
        `Demo store ${r.seeded.storeId} "Kassa Demo Amsterdam": ${r.seeded.products} products (${r.seeded.productsWritten} written now).`,
      );
      out(
        `Loyalty: ${r.seeded.members} members (${r.seeded.membersWritten} written now), ${r.seeded.programs} program versions (${r.seeded.programsPublished} published now). Demo card to type or scan: ${r.seeded.demoCard}`,
      );
      out(
        `Gift cards to type or scan: ${r.seeded.giftCards.map((c) => `${c.code} (${c.kind}, ${formatEuro(c.balanceCents, c.currency)})`).join(', ')}`,
      );
      out(
        `Managers for overrides at the till (demo PINs): ${DEMO_MANAGERS.map((m) => `${m.name} ${m.pin} at ${m.storeId}`).join('; ')}`,
      );
      if (r.terminal) {
        const { terminalId, storeId, token } = r.terminal;
        out(
          `Paired demo terminal (keep the token secret): ${JSON.stringify({ terminalId, storeId, token })}`,
        );
      } else {
        out(
          `Pairing code for a terminal: ${r.seeded.pairingCode} (valid until ${new Date(r.seeded.pairingCodeExpiresAt).toISOString()})`,
        );
      }
    });

  program
    .command('pair-code')
    .description('issue a one-time pairing code for a store')
    .requiredOption('--store <id>', 'the store the terminal will belong to')
    .option(
      '--ttl-minutes <n>',
      'minutes the code stays valid (default 1440)',
      integerIn(1, 30 * 24 * 60, 'The lifetime in minutes'),
    )
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store: string; ttlMinutes?: number; json: boolean }, command: Command) => {
      const ttl = opts.ttlMinutes === undefined ? undefined : opts.ttlMinutes * 60_000;
      const r = await withStorage(command, (s) => issuePairingCode(s, opts.store, Date.now(), ttl));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify(r.value));
      out(
        `Pairing code for ${r.value.storeId}: ${r.value.code} (valid until ${new Date(r.value.expiresAt).toISOString()})`,
      );
    });

  storesCommands(program);
}
