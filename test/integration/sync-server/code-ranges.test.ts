import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blocksDisjoint, type CardBlock } from '../../../core/loyalty/card-range';
import {
  CODE_BLOCK_SIZE,
  CODE_BLOCKS_PER_DAY,
  CODE_RANGE_FIRST_SERIAL,
  CODE_RANGE_LAST_SERIAL,
  codeRangesPath,
  codeRangesResponseSchema,
} from '../../../core/sync/code-range-protocol';
import { requestCodeBlock, terminalCodeBlocks } from '../../../sync-server/src/domain/code-ranges';
import { hashSecret } from '../../../sync-server/src/domain/tokens';
import type { Storage } from '../../../sync-server/src/storage/storage';
import { quietApp } from './support/app';
import { amsterdamStore, pairedTerminal } from './support/seed';
import { postgresAdapter, sqliteAdapter, type AdapterUnderTest } from './support/storages';

/**
 * Serial blocks for the coupons and vouchers tills issue offline: whatever the order in which N
 * tills ask, through one or two server instances at once, no serial is in two tills' blocks, so
 * two tills never issue the same code.
 */
const ADMIN = 'admin-token-for-tests';
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const TILLS = Array.from({ length: 4 }, (_, i) => ({
  terminalId: `T${i + 1}`,
  storeId: i < 2 ? 's1' : 's2',
  token: `till-token-${i + 1}`,
}));

describe.each([sqliteAdapter(), postgresAdapter()])('code ranges: $name', (adapter: AdapterUnderTest) => {
  let s: Storage;
  let other: Storage | undefined;
  beforeAll(() => adapter.setup());
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    s = await adapter.open();
    await s.transaction(async (tx) => {
      await tx.stores.upsert(amsterdamStore('s1'), 1);
      await tx.stores.upsert(amsterdamStore('s2', 'Winkel Rotterdam'), 1);
      for (const t of TILLS) await tx.terminals.insert(pairedTerminal(t, hashSecret(t.token)));
    });
    // PostgreSQL: a second storage is a second server instance on the same database.
    other = adapter.name === 'postgres' ? await adapter.reopen() : undefined;
  });
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await s.close();
  });

  it('any interleaving of concurrent allocations for N tills gives disjoint blocks, none lost', async () => {
    let day = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ till: fc.nat(TILLS.length - 1), instance: fc.nat(1) }), {
          minLength: 1,
          maxLength: 12,
        }),
        async (asks) => {
          // Each run on a day of its own, so the daily allowance never hides an allocation.
          const at = NOW + ++day * 2 * 86_400_000;
          const before = (await Promise.all(TILLS.map((t) => terminalCodeBlocks(s, t)))).flat();
          const answers = await Promise.all(
            asks.map((a) => requestCodeBlock(a.instance === 1 && other ? other : s, TILLS[a.till]!, 0, at)),
          );
          expect(answers.every((a) => a.ok && a.value.allocated)).toBe(true);
          const held = await Promise.all(TILLS.map((t) => terminalCodeBlocks(s, t)));
          const all: CardBlock[] = held.flat();
          expect(blocksDisjoint(all)).toBe(true);
          expect(all).toHaveLength(before.length + asks.length);
          // Each answer is the caller's own blocks only.
          for (const [i, a] of answers.entries()) {
            const mine = held[asks[i]!.till]!;
            if (a.ok) for (const b of a.value.blocks) expect(mine).toContainEqual(b);
          }
          // Cut one after the other from the tills' part of the serial space, with no gap.
          const firsts = all.map((b) => b.firstSerial).sort((x, y) => x - y);
          expect(firsts).toEqual(firsts.map((_, i) => CODE_RANGE_FIRST_SERIAL + i * CODE_BLOCK_SIZE));
          expect(all.every((b) => b.lastSerial <= CODE_RANGE_LAST_SERIAL)).toBe(true);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('a till with enough serials left gets no block, and at most CODE_BLOCKS_PER_DAY a day', async () => {
    const t = TILLS[0]!;
    const first = await requestCodeBlock(s, t, 0, NOW);
    expect(first.ok && first.value.allocated).toBeTruthy();
    expect(await requestCodeBlock(s, t, 900, NOW)).toEqual({
      ok: true,
      value: { blocks: first.ok ? first.value.blocks : [], allocated: null },
    });
    for (let i = 1; i < CODE_BLOCKS_PER_DAY; i++) await requestCodeBlock(s, t, 0, NOW + i);
    const over = await requestCodeBlock(s, t, 0, NOW + 1_000);
    expect(over.ok && over.value.allocated).toBe(null);
    expect(await terminalCodeBlocks(s, t)).toHaveLength(CODE_BLOCKS_PER_DAY);
    // A day later the till gets blocks again; the refused asks lost no serials.
    const next = await requestCodeBlock(s, t, 0, NOW + 86_400_000 + 1);
    expect(next.ok && next.value.allocated?.firstSerial).toBe(
      CODE_RANGE_FIRST_SERIAL + CODE_BLOCKS_PER_DAY * CODE_BLOCK_SIZE,
    );
  });

  describe('over HTTP', () => {
    let app: FastifyInstance;
    beforeEach(async () => {
      app = await quietApp(s, ADMIN, () => NOW);
    });
    afterEach(() => app.close());

    it('answers a till its own blocks only, apart from the card ranges; no token, nothing', async () => {
      const ask = (t: (typeof TILLS)[number], method: 'GET' | 'POST', payload?: object) =>
        app.inject({
          method,
          url: codeRangesPath,
          headers: { authorization: `Bearer ${t.token}` },
          ...(payload ? { payload } : {}),
        });
      const a = codeRangesResponseSchema.parse((await ask(TILLS[0]!, 'POST', { remaining: 0 })).json());
      const b = codeRangesResponseSchema.parse((await ask(TILLS[2]!, 'POST', { remaining: 10 })).json());
      expect(a.blocks).toEqual([a.allocated]);
      expect(b.blocks).toEqual([b.allocated]);
      expect(blocksDisjoint([...a.blocks, ...b.blocks])).toBe(true);
      expect(codeRangesResponseSchema.parse((await ask(TILLS[2]!, 'GET')).json()).blocks).toEqual(b.blocks);
      expect((await app.inject({ method: 'GET', url: codeRangesPath })).statusCode).toBe(401);
      expect((await ask(TILLS[0]!, 'POST', { remaining: -1 })).statusCode).toBe(422);
      // Coupon blocks are not card blocks: the till's card ranges stay empty.
      const cards = await app.inject({
        method: 'GET',
        url: '/sync/v1/card-ranges',
        headers: { authorization: `Bearer ${TILLS[0]!.token}` },
      });
      expect(cards.json()).toEqual({ blocks: [], allocated: null });
    });
  });
});
