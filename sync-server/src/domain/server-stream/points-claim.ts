import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from '../../../../core/journal/bounds';
import { understandEvent } from '../../../../core/journal/event-types';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import {
  pointsClaimedV1Schema,
  SERVER_TERMINAL_ID,
  type PointsClaimedEvent,
} from '../../../../core/journal/server-events';
import {
  CLAIM_WINDOW_DAYS,
  claimKeyFromTokenHash,
  MAX_CLAIM_TOKEN_LENGTH,
  parseClaimToken,
  verifyClaimToken,
} from '../../../../core/loyalty/claim-token';
import { err, ok, type Result } from '../../../../core/result/result';
import { basketLineFromSale } from '../../../../core/rules/from-sale';
import type { Storage, StorageTx } from '../../storage/storage';
import { DEFAULT_FOLD_CONFIG } from '../projections/default-projections';
import { storedDocument } from '../projections/fold-inputs';
import type { FoldConfig } from '../projections/projection';
import type { PublishedVersion } from '../projections/program-versions';
import { appendServerEvents } from './append';
import { idFromSeed } from './ids';
import { lockServerStream } from './lock';
import {
  evaluateForMember,
  memberNamedBy,
  memberNamedFields,
  memberUnknownText,
  namesOneMember,
  newestVersions,
  pointsOf,
} from './member-evaluation';

const CLAIM_WINDOW_MS = CLAIM_WINDOW_DAYS * 24 * 60 * 60 * 1000;

/** `POST /claims`: the receipt's token and the member who claims it (by card or member id). */
export const claimRequestSchema = z
  .strictObject({
    token: z.string().min(1).max(MAX_CLAIM_TOKEN_LENGTH),
    ...memberNamedFields,
  })
  .refine(...namesOneMember);
export type ClaimRequest = z.input<typeof claimRequestSchema>;

export interface ClaimAnswer {
  claimId: string;
  memberId: string;
  terminalId: string;
  saleId: string;
  /** Σ of the 'points' rows booked on the member. */
  points: number;
  ledger: PointsClaimedEvent['ledger'];
  trace: PointsClaimedEvent['trace'];
  /** True when this member claimed this receipt before: the first answer again, nothing written. */
  replayed: boolean;
}

export type ClaimFailure =
  | 'claim-token-malformed'
  | 'claim-token-forged'
  | 'claim-taken'
  | 'claim-sale-not-synced'
  | 'claim-sale-has-member'
  | 'claim-expired'
  | 'member-unknown'
  | 'store-unknown';

/** The claim's event id, from the claim key (the sale's terminal and id): one claim per sale, ever. */
export const claimEventId = (terminalId: string, saleId: string): string =>
  idFromSeed(`points-claimed:${terminalId}:${saleId}`);

/**
 * Books the points of a sale without a member on the member who holds its receipt's claim token,
 * once. The token must be signed with the key of the terminal it names (a till signs only its own
 * sales); the sale must be in the journal (a sale still on its till is "not at HQ yet"), have no
 * member, and be at most CLAIM_WINDOW_DAYS old. The sale is evaluated with the program versions
 * in force for its store at its time and the member's figures now; the rows travel IN a
 * `points-claimed` event on the server's own stream, folded into the ledger in the same
 * transaction. The same token again for the same member answers the first result; for another
 * member it is refused (`claim-taken`).
 */
export async function claimPoints(
  storage: Storage,
  request: z.output<typeof claimRequestSchema>,
  now: number,
  config: FoldConfig = DEFAULT_FOLD_CONFIG,
): Promise<Result<ClaimAnswer, ClaimFailure>> {
  const parsed = parseClaimToken(request.token);
  if (!parsed.ok) return parsed;
  const token = parsed.value;
  return storage.transaction(async (tx) => {
    const terminal = await tx.terminals.get(token.terminalId);
    if (!terminal || terminal.storeId !== token.storeId) {
      return err('claim-token-forged', 'This claim code was not issued by a till of this chain.');
    }
    const verified = verifyClaimToken(token, claimKeyFromTokenHash(terminal.tokenHash));
    if (!verified.ok) return verified;

    // Held until commit: no other claim of this sale between the look-up and the write.
    await lockServerStream(tx);
    const claimId = claimEventId(token.terminalId, token.saleId);
    const member = await memberNamedBy(tx, request);
    const unknownMember = () => err('member-unknown' as const, memberUnknownText(request));
    const [stored] = await tx.journal.byIds(SERVER_TERMINAL_ID, [claimId]);
    if (stored) {
      const first = pointsClaimedV1Schema.parse(storedDocument(stored)) as PointsClaimedEvent;
      if (!member) return unknownMember();
      if (member.memberId !== first.memberId) {
        return err('claim-taken', 'The points of this receipt were already claimed by another member.');
      }
      return ok(answerOf(first, true));
    }
    if (!member) return unknownMember();

    const sale = await saleOf(tx, token.terminalId, token.saleId);
    if (!sale.ok) return sale;
    const s = sale.value;
    if (s.memberId !== null || s.loyalty?.memberId || s.loyalty?.provisionalCard) {
      return err('claim-sale-has-member', 'This sale already earned its points for a member.');
    }
    if (now - s.createdAt > CLAIM_WINDOW_MS) {
      return err(
        'claim-expired',
        `This receipt could be claimed for ${CLAIM_WINDOW_DAYS} days after the sale; that time is over.`,
      );
    }
    const store = await tx.stores.get(s.storeId);
    if (!store) return err('store-unknown', `The sale's store ${s.storeId} is unknown.`);

    const programs = await programsInForce(tx, s.storeId, s.createdAt);
    const products = await tx.products.byIds(
      s.storeId,
      s.lines.map((l) => l.productId),
    );
    // Rows the sale booked itself (a donation needs no member) are not booked again.
    const booked = new Set((s.loyalty?.ledger ?? []).map((e) => e.id));
    const { ledger, trace } = evaluateForMember(
      programs,
      {
        id: s.id,
        currency: s.currency,
        lines: s.lines.map((l) => basketLineFromSale(l, products.get(l.productId))),
      },
      member,
      {
        at: s.createdAt,
        storeId: s.storeId,
        channel: 'store',
        timeZone: store.timeZone,
        transactionId: s.id,
      },
      { keep: (id) => !booked.has(id), entryId: (id) => claimEntryId(s.terminalId, id) },
    );
    const draft = {
      id: claimId,
      type: 'points-claimed' as const,
      storeId: s.storeId,
      businessDay: s.businessDay,
      memberId: member.memberId,
      sale: { terminalId: s.terminalId, saleId: s.id, createdAt: s.createdAt },
      ledger,
      trace,
    };
    const { appended } = await appendServerEvents(tx, [draft], now, config);
    return ok(answerOf((appended[0] as { event: PointsClaimedEvent }).event, false));
  });
}

/** The sale as this server understands it, or why it cannot be claimed yet. */
async function saleOf(
  tx: StorageTx,
  terminalId: string,
  saleId: string,
): Promise<Result<SaleEvent, 'claim-sale-not-synced'>> {
  const [row] = await tx.journal.byIds(terminalId, [saleId]);
  if (!row) {
    return err(
      'claim-sale-not-synced',
      'This sale has not reached HQ yet (the till sends it when it is online); try again later.',
    );
  }
  const u = understandEvent(storedDocument(row));
  if (u.kind !== 'understood' || u.event.type !== 'sale') {
    return err(
      'claim-sale-not-synced',
      'This sale is at HQ but this server cannot read it yet (it is kept for an upgrade); try again later.',
    );
  }
  return ok(u.event);
}

/**
 * The program versions in force for a store at a moment: published by then, not retired by then,
 * in the store's scope; the newest such version of each program.
 */
function programsInForce(tx: StorageTx, storeId: string, at: number): Promise<PublishedVersion[]> {
  return newestVersions(
    tx,
    (p) =>
      p.publishedAt <= at &&
      (p.retiredAt === null || p.retiredAt > at) &&
      (p.scopeStores === null || p.scopeStores.includes(storeId)),
  );
}

/** `claim:<terminal>/<engine id>`: apart from the sale's own rows; hashed when it would be too long. */
function claimEntryId(terminalId: string, engineId: string): string {
  const id = `claim:${terminalId}/${engineId}`;
  return id.length <= B.maxLedgerIdLength ? id : `claim:${idFromSeed(id)}`;
}

function answerOf(e: PointsClaimedEvent, replayed: boolean): ClaimAnswer {
  return {
    claimId: e.id,
    memberId: e.memberId,
    terminalId: e.sale.terminalId,
    saleId: e.sale.saleId,
    points: pointsOf(e.ledger),
    ledger: e.ledger,
    trace: e.trace,
    replayed,
  };
}
