/**
 * `npm run server` (= `serve`) and `npm run kassa-server -- <command>`:
 *   serve [--port 8787] [--host 127.0.0.1] [--data-dir ./data] [--postgres <url>]
 *   seed-demo [--pair]            demo store, ≥2,000 products, and a one-time pairing code
 *                                 (--pair: pair a demo terminal now and print its config)
 *   pair-code --store <id> [--ttl-minutes 60]
 *   exceptions [--store <id>] [--terminal <id>]
 *   gaps [--store <id>]
 *   sales [--store <id>] [--terminal <id>] [--limit 50]
 * Every listing takes --json for machine-readable output.
 * PostgreSQL instead of SQLite: --postgres <url> or KASSA_DATABASE_URL; port also from KASSA_PORT.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { exceptionsReport, salesReport, terminalsReport } from '../domain/admin-reports';
import { issuePairingCode, pairTerminal } from '../domain/pairing';
import { seedDemoStorage } from '../demo/seed-demo';
import { startSyncServer } from '../start';
import { openStorage } from '../storage/open-storage';
import type { Storage } from '../storage/port';
import { formatEuro, printTable } from './print';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    postgres: { type: 'string' },
    store: { type: 'string' },
    terminal: { type: 'string' },
    limit: { type: 'string' },
    'ttl-minutes': { type: 'string' },
    'log-level': { type: 'string' },
    json: { type: 'boolean', default: false },
    pair: { type: 'boolean', default: false },
  },
});

const command = positionals[0] ?? 'serve';
const dataDir = resolve(values['data-dir'] ?? process.env.KASSA_DATA_DIR ?? 'data');
const databaseUrl = values.postgres ?? process.env.KASSA_DATABASE_URL;
const out = (s: string) => process.stdout.write(`${s}\n`);

async function withStorage<T>(fn: (s: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage({ dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

async function serve(): Promise<void> {
  const port = Number(values.port ?? process.env.KASSA_PORT ?? 8787);
  const server = await startSyncServer({
    dataDir,
    port,
    host: values.host ?? '127.0.0.1',
    logLevel: values['log-level'] ?? process.env.KASSA_LOG_LEVEL ?? 'info',
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  out(`Kassa sync server on ${server.url} (${databaseUrl ? 'PostgreSQL' : `SQLite in ${dataDir}`})`);
  if (server.adminTokenCreated) {
    out(`Admin token (shown once; kept in ${resolve(dataDir, 'admin-token')}): ${server.adminToken}`);
  }
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      await serve();
      return -1;
    case 'seed-demo': {
      // --pair: also pair a demo terminal now and print its config (terminalId, storeId, token).
      const r = await withStorage(async (s) => {
        const seeded = await seedDemoStorage(s, Date.now());
        if (!values.pair) return { seeded, terminal: undefined };
        const paired = await pairTerminal(
          s,
          { code: seeded.pairingCode, terminalName: 'Demo terminal' },
          Date.now(),
        );
        if (!paired.ok) throw new Error(paired.message);
        return { seeded, terminal: paired.value };
      });
      if (values.json)
        return (out(JSON.stringify({ ...r.seeded, ...(r.terminal ? { terminal: r.terminal } : {}) })), 0);
      out(
        `Demo store ${r.seeded.storeId} "Kassa Demo Amsterdam": ${r.seeded.products} products (${r.seeded.productsWritten} written now).`,
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
      return 0;
    }
    case 'pair-code': {
      if (!values.store) return (out('pair-code needs --store <storeId>'), 2);
      const ttl = values['ttl-minutes'] ? Number(values['ttl-minutes']) * 60_000 : undefined;
      const r = await withStorage((s) => issuePairingCode(s, values.store as string, Date.now(), ttl));
      if (!r.ok) return (out(r.message), 1);
      if (values.json) return (out(JSON.stringify(r.value)), 0);
      out(
        `Pairing code for ${r.value.storeId}: ${r.value.code} (valid until ${new Date(r.value.expiresAt).toISOString()})`,
      );
      return 0;
    }
    case 'exceptions': {
      const r = await withStorage((s) =>
        exceptionsReport(s, {
          ...(values.store ? { storeId: values.store } : {}),
          ...(values.terminal ? { terminalId: values.terminal } : {}),
        }),
      );
      if (values.json) return (out(JSON.stringify(r)), 0);
      if (r.exceptions.length === 0) return (out('No exceptions.'), 0);
      printTable(
        out,
        ['kind', 'terminal', 'seq', 'detected', 'message'],
        r.exceptions.map((e) => [
          e.kind,
          e.terminalId,
          String(e.seq ?? ''),
          e.detectedAt ? new Date(e.detectedAt).toISOString() : 'open',
          e.message,
        ]),
      );
      return 0;
    }
    case 'gaps': {
      const terminals = await withStorage((s) => terminalsReport(s, values.store));
      if (values.json) return (out(JSON.stringify({ terminals })), 0);
      const withGaps = terminals.filter((t) => t.gaps.length > 0);
      if (withGaps.length === 0) {
        const n = terminals.length;
        return (out(`No seq gaps (${n} terminal${n === 1 ? '' : 's'}).`), 0);
      }
      printTable(
        out,
        ['terminal', 'store', 'last seq', 'missing'],
        withGaps.map((t) => [
          t.terminalId,
          t.storeId,
          String(t.lastSeq),
          t.gaps.map((g) => (g.from === g.to ? `${g.from}` : `${g.from}–${g.to}`)).join(', '),
        ]),
      );
      return 0;
    }
    case 'sales': {
      const r = await withStorage((s) =>
        salesReport(s, {
          ...(values.store ? { storeId: values.store } : {}),
          ...(values.terminal ? { terminalId: values.terminal } : {}),
          limit: Number(values.limit ?? 50),
        }),
      );
      if (values.json) return (out(JSON.stringify(r)), 0);
      printTable(
        out,
        ['serverSeq', 'terminal', 'seq', 'day', 'lines', 'total'],
        r.sales.map((s) => [
          String(s.serverSeq),
          s.terminalId,
          String(s.seq),
          s.businessDay,
          String(s.lines.length),
          formatEuro(s.totalCents, s.currency),
        ]),
      );
      out(`${r.totals.count} sales, total ${formatEuro(r.totals.totalCents, r.sales[0]?.currency ?? 'EUR')}`);
      return 0;
    }
    default:
      out(`Unknown command "${command}". Commands: serve, seed-demo, pair-code, exceptions, gaps, sales.`);
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
