import { figuresAfterSale, type MemberFigures } from '../../../../core/folds/member-figures';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { LedgerRow } from '../../storage/repos/ledger';
import type { StorageTx } from '../../storage/storage';
import type { ProgramVersions } from './program-versions';
import type { Projection } from './projection';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The points ledger and each member's folded figures (DESIGN.md "The ledger"): every loyalty row
 * a sale carries becomes one ledger row keyed by its deterministic id, so a retry, a refold or a
 * duplicate push never adds one; the member's balance, pending points, lifetime earned, counters
 * and appliedThrough move with the rows that were new. An earning row of a program with a return
 * window is pending until it ends. A sale of a provisional member (a card the till did not know
 * offline) is booked on the member the card belongs to when the server knows it; otherwise its
 * rows wait under the card. A batch reads and writes each member once.
 */
export function createLedgerProjection(versions: ProgramVersions): Projection {
  return {
    name: 'ledger',
    reads: 'events',
    async fold(tx, inputs) {
      const touched = new Map<
        string,
        { figures: MemberFigures; stores: Set<string>; seenAt: Map<string, number> }
      >();
      for (const i of inputs) {
        if (i.event?.type !== 'sale' || !i.event.loyalty) continue;
        const sale: SaleEvent = i.event;
        const loyalty = i.event.loyalty;
        if (loyalty.ledger.length === 0 && loyalty.memberId === null && loyalty.provisionalCard === null)
          continue;
        const byCard = loyalty.provisionalCard ? await tx.members.byCard(loyalty.provisionalCard) : undefined;
        const memberId = loyalty.memberId ?? byCard?.memberId ?? null;
        const timing = await timingOf(tx, versions, sale);
        const rows: LedgerRow[] = loyalty.ledger.map((e) => {
          const t = timing(e);
          return {
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
            status: t.pending ? 'pending' : 'posted',
            available_at: t.availableAt,
            expires_at: t.expiresAt,
          };
        });
        const fresh = await tx.ledger.insertMany(rows);
        if (memberId === null) continue;
        let state = touched.get(memberId);
        if (!state) {
          const member = byCard?.memberId === memberId ? byCard : await tx.members.get(memberId);
          if (!member) continue; // an id this server does not know: the rows wait in the ledger
          state = { figures: member, stores: new Set(), seenAt: new Map() };
          touched.set(memberId, state);
        }
        state.figures = figuresAfterSale(
          state.figures,
          sale,
          loyalty.ledger.filter((e) => fresh.has(e.id)).map((e) => ({ ...e, pending: timing(e).pending })),
        );
        state.stores.add(sale.storeId);
        state.seenAt.set(sale.storeId, Math.max(state.seenAt.get(sale.storeId) ?? 0, sale.createdAt));
      }
      for (const [memberId, state] of touched) {
        for (const [storeId, at] of state.seenAt) await tx.members.markSeen(memberId, storeId, at);
      }
      await tx.members.setFiguresMany(
        [...touched].map(([memberId, s]) => ({ memberId, figures: s.figures, storeIds: [...s.stores] })),
      );
    },
    async reset(tx) {
      await tx.ledger.reset();
      await tx.members.resetFigures();
    },
  };
}

/** When each of a sale's rows becomes spendable and when it expires, by its program version's settings. */
async function timingOf(tx: StorageTx, versions: ProgramVersions, sale: SaleEvent) {
  const settings = new Map<string, { pendingDays?: number; expiresAfterMonths?: number }>();
  for (const { programId, version } of sale.loyalty?.programs ?? []) {
    const v = await versions.get(tx, programId, version);
    if (v) settings.set(`${programId}@${version}`, v.program);
  }
  return (e: { programId: string; programVersion: number; account: string; amount: number }) => {
    const s = settings.get(`${e.programId}@${e.programVersion}`);
    const earns = e.account === 'points' && e.amount > 0;
    const pendingMs = earns ? (s?.pendingDays ?? 0) * DAY_MS : 0;
    return {
      pending: pendingMs > 0,
      availableAt: pendingMs > 0 ? sale.createdAt + pendingMs : null,
      expiresAt: earns && s?.expiresAfterMonths ? addMonths(sale.createdAt, s.expiresAfterMonths) : null,
    };
  };
}

/** The same day of the month, n months later (UTC; the 31st becomes the month's last day). */
function addMonths(at: number, n: number): number {
  const d = new Date(at);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return target.getTime() + (at % DAY_MS);
}
