/**
 * The coupon codes this till has used (issue 9, "two scans at the same till are refused at the
 * second"): every code its journal's sales record (sale v5 `coupons`). The open basket's own
 * coupons are in the spend state. The server takes the first event that uses a code anywhere and
 * raises `coupon-reused` for a second, so another till's use is caught there.
 */
export function couponsUsedIn(docs: Iterable<unknown>): Set<string> {
  const used = new Set<string>();
  for (const doc of docs) {
    if (typeof doc !== 'object' || doc === null) continue;
    const d = doc as { type?: unknown; coupons?: unknown };
    if (d.type !== 'sale' || !Array.isArray(d.coupons)) continue;
    for (const c of d.coupons as unknown[]) {
      const code = (c as { code?: unknown } | null)?.code;
      if (typeof code === 'string') used.add(code);
    }
  }
  return used;
}
