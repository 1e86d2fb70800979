import {
  blockHolds,
  blockSize,
  DEMO_CARD_SERIES,
  seriesProblem,
  serialOfCard,
  type CardBlock,
  type CardSeries,
} from '../../../core/loyalty/card-range';
import { err, ok, type Result } from '../../../core/result/result';
import {
  CARD_BLOCK_SIZE,
  CARD_RANGE_LOW,
  CARD_RANGE_MAX_UNISSUED,
  type CardRangesResponse,
} from '../../../core/sync/card-range-protocol';
import { CardRangesRepo, type CardRangeRow } from '../storage/repos/card-ranges';
import type { Db, Storage } from '../storage/storage';
import type { TerminalIdentity } from './terminal-auth';

/**
 * Blocks of card numbers for tills (issue 8): a till asks for a block when it has fewer than
 * CARD_RANGE_LOW left; the answer is always the caller's own blocks, never another till's.
 * The series is the demo store's (core/loyalty/card-range.ts): store settings carry no card
 * formats yet, so every store issues from it.
 */
export const cardRangesOf = (db: Db): CardRangesRepo => new CardRangesRepo(db);

const blockOf = (r: CardRangeRow): CardBlock => ({
  formatId: r.formatId,
  firstSerial: r.firstSerial,
  lastSerial: r.lastSerial,
});

export async function terminalCardBlocks(storage: Storage, who: TerminalIdentity): Promise<CardBlock[]> {
  return (await cardRangesOf(storage.db).ofTerminal(who.terminalId)).map(blockOf);
}

/**
 * Allocates one block of CARD_BLOCK_SIZE serials to the terminal when it says it has fewer than
 * CARD_RANGE_LOW left, unless the server counts CARD_RANGE_MAX_UNISSUED or more of its numbers
 * still unissued (a till cannot hoard the series). 'series-used-up' when the series has no block
 * left; the till then issues from what it holds, and from stock.
 */
export async function requestCardBlock(
  storage: Storage,
  who: TerminalIdentity,
  remaining: number,
  nowMs: number,
  series: CardSeries = DEMO_CARD_SERIES,
): Promise<Result<CardRangesResponse, 'series-used-up'>> {
  const problem = seriesProblem(series);
  // A bug in the configured series, not a request to refuse.
  if (problem) throw new Error(problem);
  if (remaining >= CARD_RANGE_LOW)
    return ok({ blocks: await terminalCardBlocks(storage, who), allocated: null });
  return storage
    .transaction(async (tx) => {
      const repo = cardRangesOf(tx.db);
      // The counter first: its row stays locked until commit, so every allocation of this series
      // (from any server instance) runs one after the other, and the hoard check below sees the
      // blocks the previous one committed.
      const first = await repo.reserve(series.format.id, CARD_BLOCK_SIZE, series.firstSerial);
      const held = await repo.ofTerminal(who.terminalId);
      const unissued = held.reduce((n, r) => n + blockSize(r) - r.issued, 0);
      // Either way the transaction rolls back, and the counter with it: no serials are lost.
      if (unissued >= CARD_RANGE_MAX_UNISSUED) throw new NoBlock(held.map(blockOf));
      if (first > series.lastSerial) throw new SeriesUsedUp(series);
      const block: CardBlock = {
        formatId: series.format.id,
        firstSerial: first,
        lastSerial: Math.min(first + CARD_BLOCK_SIZE - 1, series.lastSerial),
      };
      await repo.insert({ ...block, terminalId: who.terminalId, storeId: who.storeId, allocatedAt: nowMs });
      return ok({ blocks: [...held.map(blockOf), block], allocated: block });
    })
    .catch((e: unknown) => {
      if (e instanceof NoBlock) return ok({ blocks: e.blocks, allocated: null });
      if (e instanceof SeriesUsedUp) return err('series-used-up', e.message);
      throw e;
    });
}

/** The till holds enough unissued numbers: its blocks are answered, none is added. */
class NoBlock extends Error {
  constructor(readonly blocks: CardBlock[]) {
    super('enough unissued numbers');
  }
}

class SeriesUsedUp extends Error {
  constructor(series: CardSeries) {
    super(
      `Every number of the ${series.format.name} series (${series.firstSerial}–${series.lastSerial}) has been allocated; issue cards from the store's stock.`,
    );
  }
}

/**
 * Where an enrolment's card stands against the ranges: 'own' (in one of this terminal's blocks),
 * 'foreign' (in another terminal's block), 'none' (in no block: stock, or not of the series).
 */
export async function cardRangeStanding(
  db: Db,
  terminalId: string,
  card: string,
  series: CardSeries = DEMO_CARD_SERIES,
): Promise<{ standing: 'own' | 'foreign' | 'none'; block?: CardRangeRow }> {
  const serial = serialOfCard(series.format, card);
  if (serial === undefined) return { standing: 'none' };
  const block = await cardRangesOf(db).holding(series.format.id, serial);
  if (!block || !blockHolds(block, series.format.id, serial)) return { standing: 'none' };
  return { standing: block.terminalId === terminalId ? 'own' : 'foreign', block };
}
