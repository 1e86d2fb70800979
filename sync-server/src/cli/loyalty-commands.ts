import type { Command } from 'commander';
import { memberAppCode } from '../domain/member-app-code';
import { importMembers, listMembers, showMember, type MemberSummary } from '../domain/members';
import {
  checkPrograms,
  listPrograms,
  publishPrograms,
  retireProgram,
  type ProgramSource,
} from '../domain/programs';
import { momentWithZone } from './jobs-command';
import { returnsCommand, transferCommand } from './spending-commands';
import { CliFailure, integerIn, out, withStorage } from './options';
import { retiredText, scopeText } from './catalogue-text';
import { readJsonDocuments, readJsonFile } from './json-files';
import { iso, printTable } from './print';

/** `programs import|list|retire` and `members import|list|show`: loyalty for HQ and a manager. */
export function loyaltyCommands(program: Command): void {
  const programs = program.command('programs').description('publish, list and retire loyalty programs');

  programs
    .command('import')
    .description(
      'validate and publish program files (all or none; a published version never changes: same content is "unchanged", other content is refused)',
    )
    .argument('<file...>', 'program JSON files (one program, or a list of programs, per file)')
    .option('--json', 'machine-readable output', false)
    .action(async (files: string[], opts: { json: boolean }, command: Command) => {
      const { documents, unreadable } = readJsonDocuments(files);
      const sources: ProgramSource[] = documents.map((d) => ({ source: d.source, program: d.value }));
      // Every mistake at once: unreadable files and the mistakes of the readable ones.
      const invalid = checkPrograms(sources).issues.map((i) => `${i.source}: ${i.path}: ${i.message}`);
      if (unreadable.length + invalid.length > 0) {
        throw new CliFailure(`Nothing published.\n${[...unreadable, ...invalid].join('\n')}`);
      }
      const r = await withStorage(command, (s) => publishPrograms(s, sources, Date.now()));
      if (!r.ok) {
        const lines = (r.detail ?? []).map((i) => `${i.source}: ${i.path}: ${i.message}`);
        throw new CliFailure(`Nothing published.\n${lines.join('\n')}`);
      }
      if (opts.json) return out(JSON.stringify({ programs: r.value }));
      for (const p of r.value) {
        out(
          `${p.outcome === 'published' ? 'published' : 'unchanged'}  ${p.programId} v${p.version}  "${p.name}"  (${scopeText(p.scopeStores)}; ${p.source})`,
        );
      }
      const n = r.value.filter((p) => p.outcome === 'published').length;
      out(`${n} published, ${r.value.length - n} unchanged.`);
    });

  programs
    .command('list')
    .description('list published program versions, retired ones too')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) => listPrograms(s));
      if (opts.json) return out(JSON.stringify({ programs: list }));
      if (list.length === 0) return out('No programs published.');
      printTable(
        out,
        ['id', 'version', 'name', 'scope', 'published', 'retired'],
        list.map((p) => [
          p.programId,
          String(p.version),
          p.name,
          scopeText(p.scopeStores),
          iso(p.publishedAt),
          iso(p.retiredAt),
        ]),
      );
    });

  programs
    .command('retire')
    .description('retire every version of a program (tills drop it on their next pull)')
    .argument('<id>', 'the program id')
    .option('--json', 'machine-readable output', false)
    .action(async (id: string, opts: { json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => retireProgram(s, id, Date.now()));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify(r.value));
      out(retiredText(id, r.value.retired));
    });

  const members = program.command('members').description('import, list and show members');

  members
    .command('import')
    .description('create or update members from a JSON file (a list of members; all or none)')
    .argument('<file>', 'members JSON file')
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, opts: { json: boolean }, command: Command) => {
      const json = readJsonFile(file);
      if (!json.ok) throw new CliFailure(`${file}: ${json.message}`);
      const r = await withStorage(command, (s) => importMembers(s, json.value, Date.now()));
      if (!r.ok) {
        const lines = (r.detail ?? []).map((i) => `${file}: ${i.path}: ${i.message}`);
        throw new CliFailure(`Nothing imported.\n${lines.join('\n')}`);
      }
      if (opts.json) return out(JSON.stringify(r.value));
      out(`${r.value.written} members written, ${r.value.unchanged} unchanged.`);
    });

  members
    .command('list')
    .description('list members (a manager view: full names, balances)')
    .option('--store <id>', 'only members of this home store')
    .option('--limit <n>', 'how many members to list (1–5000)', integerIn(1, 5_000, 'The limit'), 100)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { store?: string; limit: number; json: boolean }, command: Command) => {
      const list = await withStorage(command, (s) =>
        listMembers(s, { ...(opts.store ? { storeId: opts.store } : {}), limit: opts.limit }),
      );
      if (opts.json) return out(JSON.stringify({ members: list }));
      if (list.length === 0) return out('No members.');
      printTable(out, ['member', 'store', 'name', 'tier', 'cards', 'balance', 'pending'], list.map(row));
    });

  appCodeCommand(members);
  transferCommand(members);
  returnsCommand(program);

  members
    .command('show')
    .description('one member by id or card number: balance, pending, tier and the ledger with reasons')
    .argument('<card|id>', 'a card number or a member id')
    .option('--json', 'machine-readable output', false)
    .action(async (key: string, opts: { json: boolean }, command: Command) => {
      const r = await withStorage(command, (s) => showMember(s, key));
      if (!r.ok) throw new CliFailure(r.message);
      if (opts.json) return out(JSON.stringify(r.value));
      const m = r.value.member;
      out(`${m.fullName} (${m.displayName}) — member ${m.memberId}, home store ${m.homeStoreId}`);
      out(`Cards: ${m.cards.join(', ') || 'none'}`);
      out(
        `Tier: ${m.tier ?? 'none'}   Segments: ${m.segments.join(', ') || 'none'}   Birthday: ${m.birthday ?? 'unknown'}   Opted in: ${m.optedIn ? 'yes' : 'no'}`,
      );
      out(`Balance: ${m.balance}   Pending: ${m.pendingPoints}   Lifetime earned: ${m.lifetimeEarned}`);
      if (r.value.ledger.length === 0) return out('No ledger entries.');
      printTable(
        out,
        ['at', 'terminal', 'seq', 'account', 'amount', 'program', 'reason'],
        r.value.ledger.map((l) => [
          iso(l.at),
          l.terminalId,
          String(l.seq),
          l.account,
          `${l.amount > 0 ? '+' : ''}${l.amount} ${l.unit}`,
          `${l.programId}@${l.programVersion}`,
          l.text,
        ]),
      );
    });
}

/**
 * `members app-code <card|id> [--at <time>]`: the QR text the member's app shows (now, or at a
 * moment with its zone), and the otpauth URI a phone is provisioned with: a tester can show a
 * code at a till (typed by a wedge scanner, or from an authenticator app plus the prefix).
 */
function appCodeCommand(members: Command): void {
  members
    .command('app-code')
    .description(
      "the member app's rotating QR code for a member, and the otpauth URI to provision an app with",
    )
    .argument('<card|id>', 'a card number or a member id')
    .option('--at <time>', 'the moment, ISO 8601 with a zone (default: now)', momentWithZone)
    .option('--json', 'machine-readable output', false)
    .action(async (key: string, opts: { at?: number; json: boolean }, command: Command) => {
      const now = Date.now();
      const r = await withStorage(command, (s) => memberAppCode(s, key, opts.at ?? now, now));
      if (!r.ok) throw new CliFailure(r.message);
      const c = r.value;
      if (opts.json) {
        const times = { at: iso(c.at), changesAt: iso(c.changesAt), acceptedUntil: iso(c.acceptedUntil) };
        return out(JSON.stringify({ ...c, ...times }));
      }
      out(`Member ${c.memberId} at ${iso(c.at)} (key ${c.keyId}):`);
      out(`QR text: ${c.qrText}`);
      out(
        `The app shows the next code at ${iso(c.changesAt)}; a till accepts this one once, until ${iso(c.acceptedUntil)}.`,
      );
      out(`otpauth URI (a secret: provisions an app with this member's codes): ${c.otpauthUri}`);
    });
}

const row = (m: MemberSummary): string[] => [
  m.memberId,
  m.homeStoreId,
  m.fullName,
  m.tier ?? '',
  m.cards.join(' '),
  String(m.balance),
  String(m.pendingPoints),
];
