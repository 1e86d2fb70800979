import type { ResolutionOption } from '../../../../core/backoffice/api';
import type { LoyaltyEntry } from '../../../../core/journal/sale-event';
import type { ExceptionRecord } from '../../storage/repos/exceptions';

/** The program an adjustment's ledger rows belong to; the rule id is the resolution. */
export const ADJUST_PROGRAM_ID = 'kassa-adjust';
export const ADJUST_PROGRAM_VERSION = 1;

/** What a typed resolution writes: ledger rows, a cost, seqs confirmed lost. */
export interface ResolutionEffect {
  ledger: LoyaltyEntry[];
  cost: { cents: number; bearer: 'chain' | 'store' } | null;
  lostSeqs: { terminalId: string; from: number; to: number } | null;
}

interface TypedResolution {
  resolution: string;
  label: string;
  needsConfirm?: boolean;
  effect(e: ExceptionRecord, d: Detail): string;
  apply(e: ExceptionRecord, d: Detail): ResolutionEffect;
}

type Detail = Record<string, unknown>;
const none: ResolutionEffect = { ledger: [], cost: null, lostSeqs: null };
const entry = (
  e: ExceptionRecord,
  resolution: string,
  amount: number,
  text: string,
  n = 0,
): LoyaltyEntry => ({
  id: `adjust:${e.id}:${resolution}${n > 0 ? `:${n}` : ''}`,
  account: 'points',
  unit: 'points',
  amount,
  programId: ADJUST_PROGRAM_ID,
  programVersion: ADJUST_PROGRAM_VERSION,
  ruleId: resolution,
  text,
});

/**
 * Overdraft (points spent twice offline), three different decisions:
 * - `write-off` ("honour and write off"): the store honours both spends and credits the shortfall
 *   to the member, cost to the store; the member is back at zero and owes nothing.
 * - `claw-back`: no credit; the member keeps the negative balance as a debt that the next points
 *   earned pay back (the balance simply starts below zero); the points owed are recorded.
 * - `allow-negative`: no credit either; the chain accepts the negative balance as it is and nobody
 *   chases it (recorded as a decision, not a debt).
 * Only `write-off` moves the ledger; the other two differ in what the audit records.
 */
const overdraft: TypedResolution[] = [
  {
    resolution: 'write-off',
    label: 'Honour and write off',
    effect: (e) =>
      `credits ${e.pointsAtStake} points to member ${e.memberId ?? '?'}; cost to store ${e.storeId}`,
    apply: (e) => ({
      ledger:
        e.memberId && e.pointsAtStake > 0
          ? [entry(e, 'write-off', e.pointsAtStake, 'Overdraft written off')]
          : [],
      // Points, not money: the cost line only names who bears it.
      cost: { cents: 0, bearer: 'store' },
      lostSeqs: null,
    }),
  },
  {
    resolution: 'claw-back',
    label: 'Claw back from future points',
    effect: (e) =>
      `no credit; member ${e.memberId ?? '?'} owes ${e.pointsAtStake} points, paid back from the next points earned`,
    apply: () => none,
  },
  {
    resolution: 'allow-negative',
    label: 'Allow the negative balance',
    effect: (e) =>
      `no credit; the chain accepts the balance of member ${e.memberId ?? '?'} below zero, nothing is chased`,
    apply: () => none,
  },
];

const coupon: TypedResolution[] = [
  {
    resolution: 'honour',
    label: 'Honour (cost to the chain)',
    effect: (e) => `books ${e.centsAtStake} cents to the chain`,
    apply: (e) => ({ ...none, cost: { cents: e.centsAtStake, bearer: 'chain' } }),
  },
  {
    resolution: 'charge-store',
    label: 'Charge the store',
    effect: (e) => `books ${e.centsAtStake} cents to store ${e.storeId}`,
    apply: (e) => ({ ...none, cost: { cents: e.centsAtStake, bearer: 'store' } }),
  },
];

/** Server's result minus the till's, per drifted row (the rule-drift exception's detail). */
function driftRows(e: ExceptionRecord, d: Detail): LoyaltyEntry[] {
  const rows = Array.isArray(d.rows)
    ? (d.rows as { id: string; till: number | null; server: number | null; account?: string }[])
    : [];
  return rows
    .filter((r) => (r.account ?? 'points') === 'points')
    .map((r, n) =>
      entry(
        e,
        'apply-server',
        (r.server ?? 0) - (r.till ?? 0),
        `Server's evaluation applied (${r.id})`,
        n + 1,
      ),
    )
    .filter((r) => r.amount !== 0);
}
const ruleDrift: TypedResolution[] = [
  { resolution: 'keep-till', label: "Keep the till's result", effect: () => 'no change', apply: () => none },
  {
    resolution: 'apply-server',
    label: "Apply the server's result",
    effect: (e, d) =>
      `books ${driftRows(e, d).reduce((s, r) => s + r.amount, 0)} points on member ${e.memberId ?? '?'}`,
    apply: (e, d) => ({ ...none, ledger: e.memberId ? driftRows(e, d) : [] }),
  },
];

const tamper: TypedResolution[] = [
  {
    resolution: 'accept-till',
    label: "Accept the till's version",
    effect: () => 'records the decision only',
    apply: () => none,
  },
  { resolution: 'keep-first', label: 'Keep the first version', effect: () => 'no change', apply: () => none },
];

function gapRange(e: ExceptionRecord, d: Detail): { terminalId: string; from: number; to: number } {
  const from = typeof d.from === 'number' ? d.from : (e.seq ?? 1);
  const to = typeof d.to === 'number' ? d.to : from;
  return { terminalId: e.terminalId, from, to };
}
const seqGap: TypedResolution[] = [
  {
    resolution: 'mark-lost',
    label: 'Mark the seqs as lost',
    needsConfirm: true,
    effect: (e, d) => {
      const g = gapRange(e, d);
      return `marks seqs ${g.from}–${g.to} of ${g.terminalId} as lost`;
    },
    apply: (e, d) => ({ ...none, lostSeqs: gapRange(e, d) }),
  },
];

const noted: TypedResolution = {
  resolution: 'noted',
  label: 'Noted',
  effect: () => 'records the note only',
  apply: () => none,
};

const BY_KIND: Record<string, TypedResolution[]> = {
  overdraft,
  'coupon-reused': coupon,
  'rule-drift': ruleDrift,
  tamper,
  'seq-gap': seqGap,
};

function typed(kind: string): TypedResolution[] {
  return BY_KIND[kind] ?? [noted];
}

export function parseDetail(e: ExceptionRecord): Detail {
  if (!e.detail) return {};
  try {
    const d: unknown = JSON.parse(e.detail);
    return d !== null && typeof d === 'object' ? (d as Detail) : {};
  } catch {
    return {};
  }
}

export function optionsFor(e: ExceptionRecord): ResolutionOption[] {
  const d = parseDetail(e);
  return typed(e.kind).map((t) => ({
    resolution: t.resolution,
    label: t.label,
    effect: t.effect(e, d),
    needsConfirm: t.needsConfirm ?? false,
  }));
}

export function resolutionOf(
  e: ExceptionRecord,
  resolution: string,
): (ResolutionOption & { apply(): ResolutionEffect }) | undefined {
  const t = typed(e.kind).find((x) => x.resolution === resolution);
  if (!t) return undefined;
  const d = parseDetail(e);
  return {
    resolution,
    label: t.label,
    effect: t.effect(e, d),
    needsConfirm: t.needsConfirm ?? false,
    apply: () => t.apply(e, d),
  };
}
