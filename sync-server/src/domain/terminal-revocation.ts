import { z } from 'zod';
import { err, ok, type Result } from '../../../core/result/result';
import type { Storage } from '../storage/storage';

/** Migration 0020; typed here rather than in schema.ts, since only this module reads it. */
interface TerminalRevocationsTable {
  terminal_id: string;
  revoked_at: number;
  revoked_by: string;
  reason: string;
}

/** Who revoked a terminal's credential, when and why (the audit an operator reads). */
export interface TerminalRevocation {
  terminalId: string;
  revokedAt: number;
  revokedBy: string;
  reason: string;
}

export const revokeInputSchema = z
  .object({
    reason: z.string().trim().max(500).optional(),
    /** Who asks (a name for the audit); the admin API records `admin-api` without one. */
    by: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

const revocations = (storage: Storage) =>
  storage.kysely.withTables<{ terminal_revocations: TerminalRevocationsTable }>();

const toRevocation = (r: TerminalRevocationsTable): TerminalRevocation => ({
  terminalId: r.terminal_id,
  revokedAt: Number(r.revoked_at),
  revokedBy: r.revoked_by,
  reason: r.reason,
});

/**
 * Revokes a terminal's credential for good: every later push, pull and stream with its token is
 * refused (`terminal-revoked`). Revoking twice keeps the first record (`already: true`).
 */
export async function revokeTerminal(
  storage: Storage,
  input: { terminalId: string; by: string; reason?: string },
  now: number,
): Promise<Result<{ revocation: TerminalRevocation; already: boolean }, 'terminal-unknown'>> {
  const terminal = await storage.terminals.get(input.terminalId);
  if (!terminal) return err('terminal-unknown', `No terminal ${input.terminalId}.`);
  const inserted = await revocations(storage)
    .insertInto('terminal_revocations')
    .values({
      terminal_id: terminal.terminalId,
      revoked_at: now,
      revoked_by: input.by,
      reason: input.reason ?? '',
    })
    .onConflict((oc) => oc.column('terminal_id').doNothing())
    .executeTakeFirst();
  const revocation = await revocationOf(storage, terminal.terminalId);
  if (!revocation) throw new Error(`revocation of ${terminal.terminalId} vanished after insert`);
  return ok({ revocation, already: Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 });
}

export async function revocationOf(
  storage: Storage,
  terminalId: string,
): Promise<TerminalRevocation | undefined> {
  const r = await revocations(storage)
    .selectFrom('terminal_revocations')
    .selectAll()
    .where('terminal_id', '=', terminalId)
    .executeTakeFirst();
  return r && toRevocation(r);
}

/** Every revocation, or those of the given terminals; oldest first. */
export async function listRevocations(
  storage: Storage,
  terminalIds?: readonly string[],
): Promise<TerminalRevocation[]> {
  if (terminalIds?.length === 0) return [];
  let q = revocations(storage).selectFrom('terminal_revocations').selectAll();
  if (terminalIds) q = q.where('terminal_id', 'in', [...terminalIds]);
  return (await q.orderBy('revoked_at').orderBy('terminal_id').execute()).map(toRevocation);
}

/** Rows only ever get added, so a changed count means a revocation somewhere (CLI, another server). */
export async function revocationCount(storage: Storage): Promise<number> {
  const r = await revocations(storage)
    .selectFrom('terminal_revocations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function revokedMessage(r: TerminalRevocation): string {
  return `This terminal's credential was revoked on ${new Date(r.revokedAt).toISOString()}: ask the head office for a pairing code and pair the terminal again.`;
}

/** The listing an operator reads: each paired terminal and, when revoked, who did it, when and why. */
export async function terminalsWithRevocations(
  storage: Storage,
  storeId?: string,
): Promise<
  {
    terminalId: string;
    storeId: string;
    name: string | null;
    pairedAt: number;
    lastSeenAt: number | null;
    revocation: TerminalRevocation | null;
  }[]
> {
  const terminals = await storage.terminals.list(storeId);
  const revoked = new Map((await listRevocations(storage)).map((r) => [r.terminalId, r]));
  return terminals.map((t) => ({
    terminalId: t.terminalId,
    storeId: t.storeId,
    name: t.name,
    pairedAt: t.pairedAt,
    lastSeenAt: t.lastSeenAt,
    revocation: revoked.get(t.terminalId) ?? null,
  }));
}
