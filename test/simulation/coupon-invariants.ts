import type { JournalDoc } from '../../renderer/src/db/database';
import { InvariantBroken } from './invariants';
import type { CouponView } from './loyalty-view';

const codesOf = (e: JournalDoc): string[] =>
  e.type === 'sale' ? ((e as { coupons?: { code: string }[] }).coupons ?? []).map((c) => c.code) : [];

/**
 * `coupon-once-per-till`, after every step: a till never uses one coupon code on two sales (it
 * refuses the second scan, as useSpend does).
 */
export function checkCouponsAtTills(
  tills: readonly { index: number; journal: readonly JournalDoc[] }[],
): void {
  for (const t of tills) {
    const seen = new Map<string, number>();
    for (const e of t.journal)
      for (const code of codesOf(e)) {
        const before = seen.get(code);
        if (before !== undefined)
          throw new InvariantBroken(
            'coupon-once-per-till',
            `till ${t.index + 1} used coupon ${code} on seq ${before} and again on seq ${e.seq}`,
          );
        seen.set(code, e.seq);
      }
  }
}

/**
 * After healing, when the server holds every till's journal: each coupon code is held by its first
 * use in the server's order (`coupon-first-holds`), and every later use — two tills that took one
 * code offline — is a `coupon-reused` exception for the manager, the first never
 * (`coupon-reuse-raised`).
 */
export function checkCouponsConverged(
  tills: readonly { journal: readonly JournalDoc[] }[],
  view: CouponView,
): void {
  const uses = new Map<string, { eventId: string; serverSeq: number }[]>();
  for (const t of tills)
    for (const e of t.journal)
      for (const code of codesOf(e)) {
        const serverSeq = view.serverSeqs.get(e.id);
        if (serverSeq === undefined) continue; // checked by nothing-missing
        uses.set(code, [...(uses.get(code) ?? []), { eventId: e.id, serverSeq }]);
      }
  for (const [code, list] of uses) {
    const [first, ...later] = list.sort((a, b) => a.serverSeq - b.serverSeq);
    if (!first) continue;
    if (view.holders.get(code) !== first.eventId)
      throw new InvariantBroken(
        'coupon-first-holds',
        `coupon ${code} is held by ${view.holders.get(code) ?? 'no sale'}, not its first use ${first.eventId}`,
      );
    if (view.reused.has(`coupon-reused:${code}:${first.eventId}`))
      throw new InvariantBroken(
        'coupon-reuse-raised',
        `the first use of coupon ${code} was raised as a reuse`,
      );
    for (const u of later)
      if (!view.reused.has(`coupon-reused:${code}:${u.eventId}`))
        throw new InvariantBroken(
          'coupon-reuse-raised',
          `coupon ${code} was used again by sale ${u.eventId} and no coupon-reused exception names it`,
        );
  }
}
