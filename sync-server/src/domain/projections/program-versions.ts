import { compileProgram, type CompiledProgram } from '../../../../core/rules/compile';
import type { Program } from '../../../../core/rules/schema/program';
import { parseProgram } from '../../../../core/rules/validate';
import type { StorageTx } from '../../storage/storage';

export interface PublishedVersion {
  program: Program;
  compiled: CompiledProgram;
}

/**
 * Published program versions, parsed and compiled once per content: the version is read from the
 * database each time (a primary-key look-up), and its parse and compilation — the expensive part —
 * are memoised by the stored text, so the memo is right whichever database it is used with.
 */
export function createProgramVersions() {
  const byText = new Map<string, PublishedVersion | null>();
  // Within one transaction a version is read once, however many sales of the batch name it.
  const inTx = new WeakMap<StorageTx, Map<string, PublishedVersion | undefined>>();
  return {
    async get(tx: StorageTx, programId: string, version: number): Promise<PublishedVersion | undefined> {
      const key = `${programId}@${version}`;
      let seen = inTx.get(tx);
      if (!seen) inTx.set(tx, (seen = new Map()));
      if (seen.has(key)) return seen.get(key);
      const v = await this.read(tx, programId, version);
      seen.set(key, v);
      return v;
    },

    async read(tx: StorageTx, programId: string, version: number): Promise<PublishedVersion | undefined> {
      const stored = await tx.programs.get(programId, version);
      if (!stored) return undefined;
      const text = JSON.stringify(stored.body);
      let v = byText.get(text);
      if (v === undefined) {
        const parsed = parseProgram(stored.body);
        // A stored version this build's schema refuses is as good as unknown.
        v = parsed.ok ? { program: parsed.value, compiled: compileProgram(parsed.value) } : null;
        if (byText.size > 1_000) byText.clear();
        byText.set(text, v);
      }
      return v ?? undefined;
    },
  };
}
export type ProgramVersions = ReturnType<typeof createProgramVersions>;
