import { programDocId, type ProgramDoc } from '../../../../core/loyalty/program-doc';
import type { ProgramsTable } from '../schema';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

export interface ProgramRecord {
  programId: string;
  version: number;
  body: Record<string, unknown>;
  scopeStores: string[] | null;
  publishedAt: number;
  retiredAt: number | null;
  serverSeq: number;
}

const toRecord = (r: ProgramsTable): ProgramRecord => ({
  programId: r.program_id,
  version: r.version,
  body: JSON.parse(r.body) as Record<string, unknown>,
  scopeStores: r.scope_stores === null ? null : (JSON.parse(r.scope_stores) as string[]),
  publishedAt: r.published_at,
  retiredAt: r.retired_at,
  serverSeq: r.server_seq,
});

/** Published program versions (immutable), also the `programs` read model of the feed. */
export class ProgramsRepo {
  constructor(
    private readonly db: Db,
    private readonly touch: (c: FeedChange) => void,
  ) {}

  /**
   * Publishes a version. An identical re-publish is a no-op ('unchanged'); other content under a
   * published version is refused ('version-taken'): a published version never changes.
   */
  async publish(
    p: { programId: string; version: number; body: Record<string, unknown>; scopeStores: string[] | null },
    now: number,
    canonical: (v: unknown) => string,
  ): Promise<'published' | 'unchanged' | 'version-taken'> {
    const existing = await this.get(p.programId, p.version);
    if (existing) return canonical(existing.body) === canonical(p.body) ? 'unchanged' : 'version-taken';
    const serverSeq = await reserveFeedSeqs(this.db, 1);
    await this.db
      .insertInto('programs')
      .values({
        program_id: p.programId,
        version: p.version,
        body: canonical(p.body),
        scope_stores: p.scopeStores === null ? null : JSON.stringify(p.scopeStores),
        published_at: now,
        retired_at: null,
        server_seq: serverSeq,
      })
      .execute();
    this.announce(p.scopeStores);
    return 'published';
  }

  async get(programId: string, version: number): Promise<ProgramRecord | undefined> {
    const r = await this.db
      .selectFrom('programs')
      .selectAll()
      .where('program_id', '=', programId)
      .where('version', '=', version)
      .executeTakeFirst();
    return r && toRecord(r);
  }

  async list(): Promise<ProgramRecord[]> {
    return (
      await this.db.selectFrom('programs').selectAll().orderBy('program_id').orderBy('version').execute()
    ).map(toRecord);
  }

  /** Retires every version of a program: tills drop it (a `_deleted` document). */
  async retire(programId: string, now: number): Promise<number> {
    const live = (await this.list()).filter((p) => p.programId === programId && p.retiredAt === null);
    for (const p of live) {
      const serverSeq = await reserveFeedSeqs(this.db, 1);
      await this.db
        .updateTable('programs')
        .set({ retired_at: now, server_seq: serverSeq })
        .where('program_id', '=', p.programId)
        .where('version', '=', p.version)
        .execute();
      this.announce(p.scopeStores);
    }
    return live.length;
  }

  /** The feed: program versions in this store's scope changed after the checkpoint (retired ones as deleted). */
  async pull(storeId: string, after: number, limit: number): Promise<ProgramDoc[]> {
    const rows = await this.db
      .selectFrom('programs')
      .selectAll()
      .where('server_seq', '>', after)
      .orderBy('server_seq')
      .execute();
    return rows
      .map(toRecord)
      .filter((p) => p.scopeStores === null || p.scopeStores.includes(storeId))
      .slice(0, limit)
      .map((p) => ({
        docId: programDocId(p.programId, p.version),
        programId: p.programId,
        version: p.version,
        program: p.body,
        publishedAt: p.publishedAt,
        serverSeq: p.serverSeq,
        _deleted: p.retiredAt !== null,
      }));
  }

  private announce(scopeStores: string[] | null): void {
    // A program for every store concerns every store: the stream filter lets a '*' through.
    for (const storeId of scopeStores ?? ['*']) this.touch({ collection: 'programs', storeId });
  }
}
