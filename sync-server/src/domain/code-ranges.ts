import type { CardBlock } from '../../../core/loyalty/card-range';
import { err, ok, type Result } from '../../../core/result/result';
import {
  CODE_BLOCK_SIZE,
  CODE_BLOCKS_PER_DAY,
  CODE_RANGE_FIRST_SERIAL,
  CODE_RANGE_FORMAT_ID,
  CODE_RANGE_LAST_SERIAL,
  CODE_RANGE_LOW,
  type CodeRangesResponse,
} from '../../../core/sync/code-range-protocol';
import { CodeRangesRepo, type CodeRangeRow } from '../storage/repos/code-ranges';
import type { Storage } from '../storage/storage';
import type { TerminalIdentity } from './terminal-auth';

/**
 * Blocks of coupon/voucher serials for tills (issue 9), as card-ranges.ts does for card numbers:
 * a till asks when it has fewer than CODE_RANGE_LOW left, and the answer is only ever its own
 * blocks. The server cannot count what a till used (a voucher is a line of a sale), so instead of
 * a stock check a till gets at most CODE_BLOCKS_PER_DAY blocks in 24 hours.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

const blockOf = (r: CodeRangeRow): CardBlock => ({
  formatId: r.formatId,
  firstSerial: r.firstSerial,
  lastSerial: r.lastSerial,
});

export async function terminalCodeBlocks(storage: Storage, who: TerminalIdentity): Promise<CardBlock[]> {
  return (await new CodeRangesRepo(storage.db).ofTerminal(who.terminalId, CODE_RANGE_FORMAT_ID)).map(blockOf);
}

export async function requestCodeBlock(
  storage: Storage,
  who: TerminalIdentity,
  remaining: number,
  nowMs: number,
): Promise<Result<CodeRangesResponse, 'series-used-up'>> {
  if (remaining >= CODE_RANGE_LOW)
    return ok({ blocks: await terminalCodeBlocks(storage, who), allocated: null });
  return storage
    .transaction(async (tx) => {
      const repo = new CodeRangesRepo(tx.db);
      // The counter first: its row stays locked until commit, so allocations run one after the
      // other (every server instance) and the rate check sees the blocks committed before.
      const first = await repo.reserve(CODE_RANGE_FORMAT_ID, CODE_BLOCK_SIZE, CODE_RANGE_FIRST_SERIAL);
      const held = await repo.ofTerminal(who.terminalId, CODE_RANGE_FORMAT_ID);
      const today = held.filter((r) => r.allocatedAt > nowMs - DAY_MS).length;
      // Either way the transaction rolls back, and the counter with it: no serials are lost.
      if (today >= CODE_BLOCKS_PER_DAY) throw new NoBlock(held.map(blockOf));
      if (first > CODE_RANGE_LAST_SERIAL) throw new SeriesUsedUp();
      const block: CardBlock = {
        formatId: CODE_RANGE_FORMAT_ID,
        firstSerial: first,
        lastSerial: Math.min(first + CODE_BLOCK_SIZE - 1, CODE_RANGE_LAST_SERIAL),
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

/** The till got its blocks for today: its blocks are answered, none is added. */
class NoBlock extends Error {
  constructor(readonly blocks: CardBlock[]) {
    super('enough blocks today');
  }
}

class SeriesUsedUp extends Error {
  constructor() {
    super('Every coupon serial has been allocated to a till; the chain needs a new coupon format.');
  }
}
