import { figuresAfterSale } from '../../../../core/folds/member-figures';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { Projection } from './projection';

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
        })),
      );
      if (memberId === null) continue;
      const member = byCard ?? (await tx.members.get(memberId));
      if (!member) continue; // an id this server does not know: the rows wait in the ledger
      const figures = figuresAfterSale(
        member,
        sale,
        loyalty.ledger.filter((e) => fresh.has(e.id)),
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
