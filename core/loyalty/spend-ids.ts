/**
 * Deterministic ledger ids for what a till spends, returns or gives (issue 9), so a retry, a
 * duplicate push or a refold never adds a row (DESIGN.md "The ledger"). Every id starts with the
 * id of the event that carries the row, which is unique per terminal-made ULID.
 */

/** A negative 'points' row of a sale: a reward redeemed, or the points tender. */
export function spendEntryId(saleId: string, kind: 'reward' | 'tender', ref: string): string {
  return `${saleId}/spend/${kind}/${ref}`;
}

/** A return's row: points taken back for goods returned, or spent points credited back. */
export function returnEntryId(returnId: string, kind: 'clawback' | 'recredit', ref: string): string {
  return `${returnId}/return/${kind}/${ref}`;
}

/** The two rows of a points transfer: the giver's (negative) and the receiver's (positive). */
export function transferEntryId(transferId: string, side: 'from' | 'to'): string {
  return `${transferId}/transfer/${side}`;
}

/** The rule id spending rows carry (a ledger row names a program and a rule; a spend has neither). */
export const SPEND_PROGRAM_ID = 'kassa-spend';
export const SPEND_PROGRAM_VERSION = 1;

/** The rule id of a points payment's row (a sale's, and the row a return credits back for it). */
export const POINTS_TENDER_RULE = 'points-tender';
