import type { Kysely } from 'kysely';
import type { ReadModelName } from '../../../../core/sync/read-models';
import type { Db, FeedChange } from '../storage';
import { reserveFeedSeqs } from './feed-counter';

/**
 * A catalogue HQ publishes as immutable versions (programs, rewards): one row per id and version,
 * replicated to the tills of the stores in its scope, retired by id. The tables differ only in the
 * name of their id column, so one implementation serves both.
 */
export interface CatalogueVersion {
  id: string;
  version: number;
  body: Record<string, unknown>;
  scopeStores: string[] | null;
  publishedAt: number;
  retiredAt: number | null;
  serverSeq: number;
}

/** A version as a repository hands it out: its id under the catalogue's own name (`programId`, `rewardId`). */
export type CatalogueRecord<K extends string> = { [P in K]: string } & Omit<CatalogueVersion, 'id'>;

export interface CatalogueSpec<K extends string, Doc> {
  table: 'programs' | 'rewards';
  idColumn: 'program_id' | 'reward_id';
  /** The name of the id in records and in what is published (`programId`). */
  idKey: K;
  /** The read model a change is announced on. */
  collection: ReadModelName;
  /** The feed document of a version (retired ones as `_deleted`). */
  toDoc: (v: CatalogueVersion) => Doc;
}

// The row shape both tables share; the id column is named per table (the spec's idColumn).
interface CatalogueRow {
  [idColumn: string]: string | number | null;
  version: number;
  body: string;
  scope_stores: string | null;
  published_at: number;
  retired_at: number | null;
  server_seq: number;
}
type CatalogueDb = Kysely<Record<string, CatalogueRow>>;

export class VersionedCatalogue<K extends string, Doc> {
  private readonly db: CatalogueDb;

  constructor(
    private readonly rawDb: Db,
    private readonly touch: (c: FeedChange) => void,
    private readonly spec: CatalogueSpec<K, Doc>,
  ) {
    this.db = rawDb as unknown as CatalogueDb;
  }

  /**
   * Publishes a version. An identical re-publish is a no-op ('unchanged'); other content under a
   * published version is refused ('version-taken'): a published version never changes.
   */
  async publish(
    v: { [P in K]: string } & {
      version: number;
      body: Record<string, unknown>;
      scopeStores: string[] | null;
    },
    now: number,
    canonical: (v: unknown) => string,
  ): Promise<'published' | 'unchanged' | 'version-taken'> {
    return this.publishVersion({ ...v, id: v[this.spec.idKey] }, now, canonical);
  }

  /** `publish`, with the id named `id` whatever the catalogue calls it (for code shared by catalogues). */
  async publishVersion(
    v: { id: string; version: number; body: Record<string, unknown>; scopeStores: string[] | null },
    now: number,
    canonical: (v: unknown) => string,
  ): Promise<'published' | 'unchanged' | 'version-taken'> {
    const id = v.id;
    const existing = await this.get(id, v.version);
    if (existing) return canonical(existing.body) === canonical(v.body) ? 'unchanged' : 'version-taken';
    const serverSeq = await reserveFeedSeqs(this.rawDb, 1);
    await this.db
      .insertInto(this.spec.table)
      .values({
        [this.spec.idColumn]: id,
        version: v.version,
        body: canonical(v.body),
        scope_stores: v.scopeStores === null ? null : JSON.stringify(v.scopeStores),
        published_at: now,
        retired_at: null,
        server_seq: serverSeq,
      })
      .execute();
    this.announce(v.scopeStores);
    return 'published';
  }

  async get(id: string, version: number): Promise<CatalogueRecord<K> | undefined> {
    const r = await this.db
      .selectFrom(this.spec.table)
      .selectAll()
      .$castTo<CatalogueRow>()
      .where(this.spec.idColumn, '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return r && this.toRecord(this.toVersion(r));
  }

  /** Every version, retired ones included, by id then version. */
  async list(): Promise<CatalogueRecord<K>[]> {
    return (await this.versions()).map((v) => this.toRecord(v));
  }

  /** The versions published under an id, retired ones included. */
  async versionsOf(id: string): Promise<number[]> {
    return (await this.versions()).filter((v) => v.id === id).map((v) => v.version);
  }

  private async versions(): Promise<CatalogueVersion[]> {
    const rows = await this.db
      .selectFrom(this.spec.table)
      .selectAll()
      .$castTo<CatalogueRow>()
      .orderBy(this.spec.idColumn)
      .orderBy('version')
      .execute();
    return rows.map((r) => this.toVersion(r));
  }

  /** Retires every live version of an id: tills drop it (a `_deleted` document). */
  async retire(id: string, now: number): Promise<number> {
    const live = (await this.versions()).filter((v) => v.id === id && v.retiredAt === null);
    for (const v of live) {
      const serverSeq = await reserveFeedSeqs(this.rawDb, 1);
      await this.db
        .updateTable(this.spec.table)
        .set({ retired_at: now, server_seq: serverSeq })
        .where(this.spec.idColumn, '=', v.id)
        .where('version', '=', v.version)
        .execute();
      this.announce(v.scopeStores);
    }
    return live.length;
  }

  /** The feed: versions in this store's scope changed after the checkpoint (retired ones included). */
  async pull(storeId: string, after: number, limit: number): Promise<Doc[]> {
    // A catalogue is small (HQ publishes it by hand); the scope is filtered here.
    const rows = await this.db
      .selectFrom(this.spec.table)
      .selectAll()
      .$castTo<CatalogueRow>()
      .where('server_seq', '>', after)
      .orderBy('server_seq')
      .execute();
    return rows
      .map((r) => this.toVersion(r))
      .filter((v) => v.scopeStores === null || v.scopeStores.includes(storeId))
      .slice(0, limit)
      .map(this.spec.toDoc);
  }

  private toRecord({ id, ...rest }: CatalogueVersion): CatalogueRecord<K> {
    // The one place the id takes its catalogue's name; TypeScript cannot see a computed key is K.
    return { [this.spec.idKey]: id, ...rest } as CatalogueRecord<K>;
  }

  private toVersion(r: CatalogueRow): CatalogueVersion {
    return {
      id: String(r[this.spec.idColumn]),
      version: Number(r.version),
      body: JSON.parse(r.body) as Record<string, unknown>,
      scopeStores: r.scope_stores === null ? null : (JSON.parse(r.scope_stores) as string[]),
      publishedAt: Number(r.published_at),
      retiredAt: r.retired_at === null ? null : Number(r.retired_at),
      serverSeq: Number(r.server_seq),
    };
  }

  private announce(scopeStores: string[] | null): void {
    // A version for every store concerns every store: the stream filter lets a '*' through.
    for (const storeId of scopeStores ?? ['*']) this.touch({ collection: this.spec.collection, storeId });
  }
}
