import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { ProgramDoc } from '../../../../core/loyalty/program-doc';
import type { Product } from '../../../../core/catalog/product';
import type { SaleDonation, SaleLoyalty, SaleLine } from '../../../../core/journal';
import {
  basketLineFromSale,
  createProgramCache,
  evaluate,
  parseProgram,
  type Basket as RulesBasket,
  type CompiledProgram,
  type EvalContext,
  type Evaluation,
  type Member,
} from '../../../../core/rules';
import type { BasketLine } from '../checkout/basket';
import type { Identification } from './identify';

/**
 * The loyalty of the open sale, pure: the replicated programs compiled once per version, the
 * checkout's lines and the member mapped to what core/rules evaluates, and the loyalty block and
 * line discounts the sale event carries. The live panel and "complete sale" use the same functions.
 */

/** Compiles program documents, each version once (a version is immutable), newest version per program. */
export interface ProgramCompiler {
  compile(docs: readonly ProgramDoc[]): CompiledProgram[];
  /** Program versions that failed the engine's schema (published by an older or newer server). */
  readonly refused: ReadonlySet<string>;
}

export function createProgramCompiler(): ProgramCompiler {
  const cache = createProgramCache();
  const byDoc = new Map<string, CompiledProgram | null>();
  const refused = new Set<string>();
  return {
    compile(docs) {
      const newest = new Map<string, ProgramDoc>();
      for (const d of docs) {
        if (d._deleted) continue;
        const seen = newest.get(d.programId);
        if (!seen || seen.version < d.version) newest.set(d.programId, d);
      }
      const out: CompiledProgram[] = [];
      for (const d of newest.values()) {
        let c = byDoc.get(d.docId);
        if (c === undefined) {
          const parsed = parseProgram(d.program);
          c = parsed.ok ? cache.get(parsed.value) : null;
          if (!parsed.ok) refused.add(d.docId);
          byDoc.set(d.docId, c);
        }
        if (c) out.push(c);
      }
      return out;
    },
    refused,
  };
}

/** The replicated member as the engine sees it. */
export function memberForEngine(doc: MemberDoc): Member {
  return {
    id: doc.memberId,
    ...(doc.tier ? { tier: doc.tier } : {}),
    segments: doc.segments,
    ...(doc.birthday ? { birthday: doc.birthday } : {}),
    enrolledAt: doc.enrolledAt,
    optedIn: doc.optedIn,
    purchaseCount: doc.counters.purchaseCount,
    visits: doc.counters.visits,
    counters: doc.counters.rules,
    stamps: doc.counters.stamps,
    challenges: doc.counters.challenges,
  };
}

/** A card the till does not know: a member with no history, enrolled now (it earns as a new member). */
export function provisionalMember(card: string, at: number): Member {
  return {
    id: `provisional:${card}`,
    segments: [],
    enrolledAt: at,
    optedIn: false,
    purchaseCount: 0,
    visits: [],
    counters: {},
  };
}

/** A checkout line as a sale line (what basketLineFromSale maps), before loyalty discounts. */
function asSaleLine(l: BasketLine): SaleLine {
  return {
    lineId: l.lineId,
    productId: l.productId,
    code: l.code,
    name: l.name,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    amountCents: l.amountCents,
    discountCents: 0,
  };
}

export interface SaleInput {
  saleId: string;
  currency: string;
  lines: readonly BasketLine[];
  /** The catalogue product of a line (category, brand, tags); undefined earns on the amount only. */
  product(productId: string): Pick<Product, 'category' | 'brand' | 'tags'> | undefined;
  identification: Identification | null;
  /** The replicated document of an identified member (undefined when not in the replica). */
  memberDoc: MemberDoc | undefined;
  programs: readonly CompiledProgram[];
  store: { storeId: string; timeZone: string; locale: string };
  at: number;
  /** The customer's choices at the tender (basket flags such as 'round-up'); none by default. */
  flags?: readonly string[];
  /** Coupon codes scanned on the sale (signature verified): rules with a coupon condition see them. */
  coupons?: readonly string[];
  /** What the points tender pays: no points are earned on it (unless the program says so). */
  pointsPaidCents?: number;
}

export function evaluateSale(input: SaleInput): Evaluation {
  const basket: RulesBasket = {
    id: input.saleId,
    currency: input.currency,
    lines: input.lines.map((l) => basketLineFromSale(asSaleLine(l), input.product(l.productId) as Product)),
    ...(input.flags && input.flags.length > 0 ? { flags: input.flags } : {}),
    ...(input.coupons && input.coupons.length > 0 ? { coupons: input.coupons } : {}),
    ...(input.pointsPaidCents && input.pointsPaidCents > 0 ? { pointsPaidCents: input.pointsPaidCents } : {}),
  };
  const id = input.identification;
  const member =
    id === null
      ? null
      : id.kind === 'provisional'
        ? provisionalMember(id.card, input.at)
        : input.memberDoc
          ? memberForEngine(input.memberDoc)
          : { ...provisionalMember(id.memberId, input.at), id: id.memberId };
  const ctx: EvalContext = {
    at: input.at,
    storeId: input.store.storeId,
    channel: 'store',
    timeZone: input.store.timeZone,
    transactionId: input.saleId,
    locale: input.store.locale,
  };
  return evaluate(input.programs, basket, member, ctx);
}

/** Points earned in the spendable 'points' account (what the balance rule adds up). */
export function pointsEarned(evaluation: Evaluation): number {
  return evaluation.ledger.reduce((n, e) => (e.account === 'points' ? n + e.amount : n), 0);
}

/**
 * The money the customer gives on top of the goods (a round-up), one entry per cause, in effect
 * order: what the sale event records and the tender takes beside the total.
 */
export function saleDonationsOf(evaluation: Evaluation): SaleDonation[] {
  const byCause = new Map<string, number>();
  for (const e of evaluation.effects) {
    if (e.kind === 'donation' && e.cents > 0) byCause.set(e.cause, (byCause.get(e.cause) ?? 0) + e.cents);
  }
  return [...byCause].map(([cause, cents]) => ({ cause, cents }));
}

/** Each line's share of the loyalty discounts, by line id (only lines with one). */
export function lineDiscounts(evaluation: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of evaluation.lines) if (l.discountCents > 0) out[l.lineId] = l.discountCents;
  return out;
}

/**
 * The sale's loyalty block: who (member or provisional card), which program versions, and the
 * engine's ledger rows. null for an anonymous sale that no program touched.
 */
export function saleLoyaltyOf(
  evaluation: Evaluation,
  identification: Identification | null,
): SaleLoyalty | null {
  if (!identification && evaluation.programs.length === 0) return null;
  return {
    memberId: identification?.kind === 'member' ? identification.memberId : null,
    provisionalCard: identification?.kind === 'provisional' ? identification.card : null,
    programs: evaluation.programs.map((p) => ({ programId: p.id, version: p.version })),
    ledger: evaluation.ledger.map((e) => ({
      id: e.id,
      account: e.account,
      unit: e.unit,
      amount: e.amount,
      programId: e.programId,
      programVersion: e.programVersion,
      ruleId: e.ruleId,
      text: e.text,
    })),
  };
}
