import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import type { JournalDoc } from '../../../../renderer/src/db/database';
import { journalConflictHandler } from '../../../../renderer/src/sync/journal-conflict-handler';

const doc = (hash: string, totalCents: number) =>
  ({
    id: '01JAAAAAAAAAAAAAAAAAAAAAAA',
    seq: 1,
    hash,
    totalCents,
    _deleted: false,
  }) as unknown as WithDeleted<JournalDoc>;

describe('journal conflict handler', () => {
  it('treats two copies with the same hash as the same event', () => {
    expect(journalConflictHandler.isEqual(doc('a'.repeat(64), 100), doc('a'.repeat(64), 100), 'test')).toBe(
      true,
    );
  });

  it('sees an event edited after it was pushed as a conflict', () => {
    expect(journalConflictHandler.isEqual(doc('a'.repeat(64), 100), doc('b'.repeat(64), 999), 'test')).toBe(
      false,
    );
  });

  it('keeps the copy the server accepted first, so a refused push is not retried forever', async () => {
    const server = doc('a'.repeat(64), 100);
    const local = doc('b'.repeat(64), 999);
    const resolved = await journalConflictHandler.resolve(
      { realMasterState: server, newDocumentState: local, assumedMasterState: undefined },
      'test',
    );
    expect(resolved).toEqual(server);
  });
});
