/** A sale's payments as `sale_tenders` rows (migration 0016): what the tender report sums. */
export interface SaleTenderRow {
  server_seq: number;
  idx: number;
  store_id: string;
  business_day: string;
  tender: string;
  cents: number;
  points: number;
}

export function tenderRowsOf(s: {
  serverSeq: number;
  storeId: string;
  businessDay: string;
  payments: readonly { method: string; amountCents: number; points?: number }[];
}): SaleTenderRow[] {
  return s.payments.map((p, idx) => ({
    server_seq: s.serverSeq,
    idx,
    store_id: s.storeId,
    business_day: s.businessDay,
    tender: p.method,
    cents: p.amountCents,
    points: p.points ?? 0,
  }));
}
