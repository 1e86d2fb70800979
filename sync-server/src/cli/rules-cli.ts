/**
 * `npm run rules -- <command>`: the rules engine for people and for tests.
 *
 *   validate <program.json…>                     check program files; path-precise errors, exit 1 on any
 *   evaluate --programs <files…> --basket <file> [--member <file>] --at <ISO time with zone> --store <id>
 *            [--stores <file>] [--tz <zone>] [--region <id>] [--channel store|online|app]
 *            [--event <type>] [--tx <id>]          print the evaluation as JSON
 *   tier --program <file> --history <file> --at <ISO time with zone> [--tz <zone>]   a member's tier and progress
 *   schema [--out <file>]                         write the program JSON Schema (default sync-server/programs/program.schema.json)
 *
 * --at is ISO 8601 with a zone offset (2026-11-28T08:15:00Z, …+01:00); anything else is refused (exit 2),
 * never read in this machine's zone.
 * Exit codes: 0 ok, 1 invalid input file, 2 wrong usage.
 */
import { parseZonedInstant } from '../../../core/time/zoned-instant';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  basketSchema,
  channelSchema,
  computeTier,
  createProgramCache,
  evaluate,
  eventSchema,
  formatIssues,
  memberSchema,
  parseProgram,
  programJsonSchema,
  type Program,
} from '../../../core/rules/index';

const here = dirname(fileURLToPath(import.meta.url));
const programsDir = resolve(here, '../../programs');
const DEFAULT_SCHEMA_OUT = join(programsDir, 'program.schema.json');
const DEFAULT_STORES = join(programsDir, 'examples/inputs/stores.json');

class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}

/** `--flag a b --other c` → { flag: [a, b], other: [c] }, plus leading positionals. */
function parseArgs(argv: readonly string[]): { positional: string[]; flags: Map<string, string[]> } {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const arg of argv) {
    if (arg.startsWith('--')) {
      current = [];
      flags.set(arg.slice(2), current);
    } else if (current) current.push(arg);
    else positional.push(arg);
  }
  return { positional, flags };
}

function one(flags: Map<string, string[]>, name: string, required: true): string;
function one(flags: Map<string, string[]>, name: string, required?: false): string | undefined;
function one(flags: Map<string, string[]>, name: string, required = false): string | undefined {
  const v = flags.get(name);
  if (!v || v.length === 0) {
    if (required) throw new CliError(`missing --${name}`, 2);
    return undefined;
  }
  if (v.length > 1) throw new CliError(`--${name} takes one value`, 2);
  return v[0];
}

function readJson(file: string): unknown {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`${file}: cannot read the file`, 1);
  }
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new CliError(`${file}: not valid JSON (${(e as Error).message})`, 1);
  }
}

function parseFile<T>(file: string, schema: z.ZodType<T>): T {
  const r = schema.safeParse(readJson(file), { reportInput: true });
  if (r.success) return r.data;
  const lines = formatIssues(r.error.issues).map((i) => `  ${i.path}: ${i.message}`);
  throw new CliError(`${file}\n${lines.join('\n')}`, 1);
}

function loadPrograms(files: readonly string[]): { programs: Program[]; errors: string[] } {
  const programs: Program[] = [];
  const errors: string[] = [];
  for (const file of files) {
    try {
      const r = parseProgram(readJson(file));
      if (r.ok) programs.push(r.value);
      else errors.push(`✗ ${file}\n${(r.detail ?? []).map((i) => `  ${i.path}: ${i.message}`).join('\n')}`);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      errors.push(`✗ ${e.message}`);
    }
  }
  return { programs, errors };
}

function validate(files: readonly string[]): number {
  if (files.length === 0) throw new CliError('validate needs at least one program file', 2);
  const { programs, errors } = loadPrograms(files);
  for (const p of programs)
    process.stdout.write(
      `✓ ${p.id}@${p.version} — ${p.name} (${p.rules.length} rule${p.rules.length === 1 ? '' : 's'})\n`,
    );
  if (errors.length) process.stderr.write(errors.join('\n') + '\n');
  return errors.length ? 1 : 0;
}

const storeListSchema = z.array(
  z.strictObject({ storeId: z.string(), region: z.string().optional(), timeZone: z.string() }),
);

/** A moment given on the command line, with its zone (core/time/zoned-instant.ts); exit 2 otherwise. */
function parseMoment(value: string, flag: string): number {
  const r = parseZonedInstant(value);
  if (!r.ok) throw new CliError(`--${flag} ${r.message}`, 2);
  return r.value;
}

function evaluateCommand(flags: Map<string, string[]>): number {
  const files = flags.get('programs') ?? [];
  if (files.length === 0) throw new CliError('missing --programs', 2);
  const { programs, errors } = loadPrograms(files);
  if (errors.length) {
    process.stderr.write(errors.join('\n') + '\n');
    return 1;
  }
  const basket = parseFile(one(flags, 'basket', true), basketSchema);
  const memberFile = one(flags, 'member');
  const member = memberFile ? parseFile(memberFile, memberSchema) : null;
  const at = parseMoment(one(flags, 'at', true), 'at');
  const storeId = one(flags, 'store', true);
  const storesFile = one(flags, 'stores') ?? DEFAULT_STORES;
  const store = parseFile(storesFile, storeListSchema).find((s) => s.storeId === storeId);
  const timeZone = one(flags, 'tz') ?? store?.timeZone;
  if (!timeZone) throw new CliError(`unknown store "${storeId}" in ${storesFile}; give --tz`, 2);
  const channel = channelSchema.safeParse(one(flags, 'channel') ?? 'store');
  if (!channel.success) throw new CliError('--channel must be one of: store, online, app', 2);
  const eventType = one(flags, 'event');
  const event = eventType ? eventSchema.safeParse({ type: eventType }) : undefined;
  if (event && !event.success)
    throw new CliError(`--event: ${formatIssues(event.error.issues)[0]?.message}`, 2);
  const region = one(flags, 'region') ?? store?.region;
  const cache = createProgramCache();
  const result = evaluate(
    programs.map((p) => cache.get(p)),
    basket,
    member,
    {
      at,
      storeId,
      channel: channel.data,
      timeZone,
      transactionId: one(flags, 'tx') ?? basket.id,
      ...(region ? { region } : {}),
      ...(event?.success ? { event: event.data } : {}),
    },
  );
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  return 0;
}

const historySchema = z.array(
  z.strictObject({
    at: z.string().transform((s) => Date.parse(s)),
    points: z.number().int(),
    spendCents: z.number().int(),
  }),
);

function tierCommand(flags: Map<string, string[]>): number {
  const file = one(flags, 'program', true);
  const { programs, errors } = loadPrograms([file]);
  if (errors.length) {
    process.stderr.write(errors.join('\n') + '\n');
    return 1;
  }
  const ladder = programs[0]?.tiers;
  if (!ladder) throw new CliError(`${file} has no tier ladder`, 1);
  const history = parseFile(one(flags, 'history', true), historySchema);
  const at = parseMoment(one(flags, 'at', true), 'at');
  const status = computeTier(ladder, history, at, one(flags, 'tz') ?? 'Europe/Amsterdam');
  process.stdout.write(JSON.stringify(status, null, 2) + '\n');
  return 0;
}

function schemaCommand(flags: Map<string, string[]>): number {
  const out = one(flags, 'out') ?? DEFAULT_SCHEMA_OUT;
  writeFileSync(out, JSON.stringify(programJsonSchema(), null, 2) + '\n');
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}

function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  const { positional, flags } = parseArgs(rest);
  switch (command) {
    case 'validate':
      return validate(positional);
    case 'evaluate':
      return evaluateCommand(flags);
    case 'tier':
      return tierCommand(flags);
    case 'schema':
      return schemaCommand(flags);
    default:
      throw new CliError(
        'usage: rules <validate|evaluate|tier|schema> … (see the header of rules-cli.ts)',
        2,
      );
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof CliError)) throw e;
  process.stderr.write(`${e.message}\n`);
  process.exitCode = e.code;
}
