import { sql } from 'kysely';
import type { Db } from '../storage';
import { declarePrepared, executePrepared } from './prepared';

/** How far each projection has folded each journal stream (one stream per terminal). */
export class CursorsRepo {
  constructor(private readonly db: Db) {}

  /** Every projection's cursor on one stream (0 where a projection has none yet). */
  async ofStream(streamId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('projection_cursors')
      .select(['projection', 'server_seq'])
      .where('stream_id', '=', streamId)
      .execute();
    return new Map(rows.map((r) => [r.projection, r.server_seq]));
  }

  /**
   * The stream's cursors and, in the same round trip, the serverSeq of its newest journal event
   * below `before` (0 if none): what a push needs to tell a projection behind from one up to date.
   */
  async ofStreamWithHead(
    streamId: string,
    before: number,
  ): Promise<{ cursors: Map<string, number>; headBefore: number }> {
    const query = sql<{ projection: string | null; server_seq: number | null }>`
      SELECT projection, server_seq FROM projection_cursors WHERE stream_id = ${streamId}
      UNION ALL
      SELECT NULL, MAX(server_seq) FROM journal WHERE terminal_id = ${streamId} AND server_seq < ${before}`.compile(
      this.db,
    );
    declarePrepared(query.sql);
    const { rows } = await this.db.executeQuery(query);
    const cursors = new Map<string, number>();
    let headBefore = 0;
    for (const r of rows) {
      if (r.projection === null) headBefore = Number(r.server_seq ?? 0);
      else cursors.set(r.projection, Number(r.server_seq));
    }
    return { cursors, headBefore };
  }

  async set(projection: string, streamId: string, serverSeq: number): Promise<void> {
    await this.db
      .insertInto('projection_cursors')
      .values({ projection, stream_id: streamId, server_seq: serverSeq })
      .onConflict((oc) => oc.columns(['projection', 'stream_id']).doUpdateSet({ server_seq: serverSeq }))
      .execute();
  }

  /** Several projections' cursors on one stream to the same serverSeq, in one statement. */
  async setMany(projections: readonly string[], streamId: string, serverSeq: number): Promise<void> {
    if (projections.length === 0) return;
    // One text per number of projections: a push folds the same ones batch after batch.
    await executePrepared(
      this.db,
      this.db
        .insertInto('projection_cursors')
        .values(projections.map((projection) => ({ projection, stream_id: streamId, server_seq: serverSeq })))
        .onConflict((oc) =>
          oc
            .columns(['projection', 'stream_id'])
            .doUpdateSet((eb) => ({ server_seq: eb.ref('excluded.server_seq') })),
        ),
    );
  }

  async reset(projection: string): Promise<void> {
    await this.db.deleteFrom('projection_cursors').where('projection', '=', projection).execute();
  }
}
