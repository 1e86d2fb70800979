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

/**
 * The vouchers this till issued, with their last moment (sale v5 `issuedCodes`): only the issuing
 * till can tell offline that one of its vouchers has expired, since the code does not carry it.
 */
export function vouchersIssuedIn(docs: Iterable<unknown>): Map<string, number | undefined> {
  const issued = new Map<string, number | undefined>();
  for (const doc of docs) {
    if (typeof doc !== 'object' || doc === null) continue;
    const d = doc as { type?: unknown; issuedCodes?: unknown };
    if (d.type !== 'sale' || !Array.isArray(d.issuedCodes)) continue;
    for (const c of d.issuedCodes as unknown[]) {
      const { code, kind, validUntil } = (c ?? {}) as {
        code?: unknown;
        kind?: unknown;
        validUntil?: unknown;
      };
      if (typeof code === 'string' && kind === 'voucher') {
        issued.set(code, typeof validUntil === 'number' ? validUntil : undefined);
      }
    }
  }
  return issued;
}
