import { figuresAfterSale } from '../../../../core/folds/member-figures';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { StorageTx } from '../../storage/storage';
import type { Projection } from './projection';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each program version's return window and expiry (absent for a version this server does not know). */
async function lifecycles(
  tx: StorageTx,
  programs: readonly { programId: string; version: number }[],
): Promise<Map<string, { pendingDays?: number; expiresAfterMonths?: number }>> {
  const out = new Map<string, { pendingDays?: number; expiresAfterMonths?: number }>();
  for (const { programId, version } of programs) {
    const p = await tx.programs.get(programId, version);
    if (p)
      out.set(`${programId}@${version}`, p.body as { pendingDays?: number; expiresAfterMonths?: number });
  }
  return out;
}

/** The same day of the month, n months later (UTC; the 31st becomes the month's last day). */
function addMonths(at: number, n: number): number {
  const d = new Date(at);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.getTime() + (at % DAY_MS);
}

/**
 * The points ledger and each member's folded figures (DESIGN.md "The ledger"): every loyalty row
 * a sale carries becomes one ledger row keyed by its deterministic id, so a retry, a refold or a
 * duplicate push never adds one; the member's balance, lifetime earned, counters and
 * appliedThrough move with the rows that were new. A sale of a provisional member (a card the
 * till did not know offline) is booked on the member the card belongs to when the server knows
 * it; otherwise its rows wait under the card.
 */
export const ledgerProjection: Projection = {
  name: 'ledger',
  reads: 'events',
  async fold(tx, inputs) {
    for (const i of inputs) {
      if (i.event?.type !== 'sale') continue;
      const sale: SaleEvent = i.event;
      const loyalty = sale.loyalty;
      if (!loyalty) continue;
      const byCard = loyalty.provisionalCard ? await tx.members.byCard(loyalty.provisionalCard) : undefined;
      const memberId = loyalty.memberId ?? byCard?.memberId ?? null;
      const lifecycle = await lifecycles(tx, loyalty.programs);
      const timing = (e: { programId: string; programVersion: number; account: string; amount: number }) => {
        const l = lifecycle.get(`${e.programId}@${e.programVersion}`);
        const earns = e.account === 'points' && e.amount > 0;
        const pendingMs = earns ? (l?.pendingDays ?? 0) * DAY_MS : 0;
        return {
          pending: pendingMs > 0,
          availableAt: pendingMs > 0 ? sale.createdAt + pendingMs : null,
          expiresAt: earns && l?.expiresAfterMonths ? addMonths(sale.createdAt, l.expiresAfterMonths) : null,
        };
      };
      const fresh = await tx.ledger.insertMany(
        loyalty.ledger.map((e) => ({
          entry_id: e.id,
          member_id: memberId,
          provisional_card: loyalty.provisionalCard,
          server_seq: i.serverSeq,
          terminal_id: sale.terminalId,
          store_id: sale.storeId,
          seq: sale.seq,
          account: e.account,
          unit: e.unit,
          amount: e.amount,
          program_id: e.programId,
          program_version: e.programVersion,
          rule_id: e.ruleId,
          text: e.text,
          created_at: sale.createdAt,
          status: timing(e).pending ? ('pending' as const) : ('posted' as const),
          available_at: timing(e).availableAt,
          expires_at: timing(e).expiresAt,
        })),
      );
      if (memberId === null) continue;
      const member = byCard ?? (await tx.members.get(memberId));
      if (!member) continue; // an id this server does not know: the rows wait in the ledger
      const figures = figuresAfterSale(
        member,
        sale,
        loyalty.ledger.filter((e) => fresh.has(e.id)).map((e) => ({ ...e, pending: timing(e).pending })),
      );
      await tx.members.markSeen(memberId, sale.storeId, sale.createdAt);
      await tx.members.setFigures(memberId, figures, [sale.storeId]);
    }
  },
  async reset(tx) {
    await tx.ledger.reset();
    await tx.members.resetFigures();
  },
};
