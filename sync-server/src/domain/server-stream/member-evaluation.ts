import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import type { LoyaltyActionEvent } from '../../../../core/journal/server-events';
import { rulesMemberOf } from '../../../../core/loyalty/rules-member';
import { evaluate } from '../../../../core/rules/evaluate';
import type { Basket, EvalContext } from '../../../../core/rules/model';
import type { MemberRecord } from '../../storage/repos/members';
import type { ProgramRecord } from '../../storage/repos/programs';
import type { StorageTx } from '../../storage/storage';
import { createProgramVersions, type PublishedVersion } from '../projections/program-versions';

/*
 * What the server's own evaluations of a member (a loyalty action, a claimed receipt) share: the
 * member the request names, the newest program versions that apply, and the engine's result cut
 * to the rows and trace a server-stream event can hold.
 */

type Ledger = LoyaltyActionEvent['ledger'];
type Trace = LoyaltyActionEvent['trace'];

/** A request names its member by member id or by card, never both (the schemas refine so). */
export interface MemberNamed {
  memberId?: string | undefined;
  card?: string | undefined;
}

/** The request fields that name the member, for a request schema's shape; refine with `namesOneMember`. */
export const memberNamedFields = {
  memberId: z.string().min(1).max(B.maxIdLength).optional(),
  card: z.string().min(1).max(B.maxCodeLength).optional(),
};
export const namesOneMember: [(b: MemberNamed) => boolean, { message: string; path: string[] }] = [
  (b) => (b.memberId === undefined) !== (b.card === undefined),
  { message: 'give either memberId or card, not both', path: ['memberId'] },
];

export const memberNamedBy = (tx: StorageTx, r: MemberNamed): Promise<MemberRecord | undefined> =>
  r.memberId ? tx.members.get(r.memberId) : tx.members.byCard(r.card as string);

export const memberUnknownText = (r: MemberNamed): string =>
  r.memberId ? `No member ${r.memberId}.` : `No member has card ${r.card}.`;

const versions = createProgramVersions();

/** The newest version of each program that `applies` keeps (a scope, a moment), parsed and compiled. */
export async function newestVersions(
  tx: StorageTx,
  applies: (p: ProgramRecord) => boolean,
): Promise<PublishedVersion[]> {
  const newest = new Map<string, number>();
  for (const p of await tx.programs.list()) {
    if (!applies(p)) continue;
    if ((newest.get(p.programId) ?? 0) < p.version) newest.set(p.programId, p.version);
  }
  const out: PublishedVersion[] = [];
  for (const [programId, version] of newest) {
    const v = await versions.get(tx, programId, version);
    if (v) out.push(v);
  }
  return out;
}

export interface EvaluatedRows {
  ledger: Ledger;
  trace: Trace;
}

/**
 * Evaluates the basket (empty for an action) for the member and gives the rows and trace as an
 * event stores them: texts clipped to the bounds, the trace cut to its most lines. `entryId`
 * names a row in the event (default: the engine's id); `keep` leaves out rows booked elsewhere.
 */
export function evaluateForMember(
  programs: readonly PublishedVersion[],
  basket: Basket,
  member: MemberRecord,
  ctx: EvalContext,
  rows: { entryId?: (engineId: string) => string; keep?: (engineId: string) => boolean } = {},
): EvaluatedRows {
  const result = evaluate(
    programs.map((v) => v.compiled),
    basket,
    rulesMemberOf({ ...member, birthday: member.birthday?.slice(-5) ?? null }),
    ctx,
  );
  const entryId = rows.entryId ?? ((id: string) => id);
  const keep = rows.keep ?? (() => true);
  return {
    ledger: result.ledger
      .filter((e) => keep(e.id))
      .map((e) => ({
        id: entryId(e.id),
        account: e.account,
        unit: e.unit,
        amount: e.amount,
        programId: e.programId,
        programVersion: e.programVersion,
        ruleId: e.ruleId,
        text: clip(e.text),
      })),
    trace: result.trace.slice(0, B.maxTraceLines).map((t) => ({
      programId: t.programId,
      ruleId: t.ruleId,
      outcome: t.outcome,
      text: clip(t.text),
    })),
  };
}

/** Σ of an event's 'points' rows (any points currency): what an answer reports. */
export const pointsOf = (ledger: Ledger): number =>
  ledger.filter((r) => r.account === 'points').reduce((n, r) => n + r.amount, 0);

const clip = (s: string) => (s.length > B.maxNameLength ? `${s.slice(0, B.maxNameLength - 1)}…` : s);
