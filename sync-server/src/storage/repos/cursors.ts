import type { Db } from '../storage';

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
    await this.db
      .insertInto('projection_cursors')
      .values(projections.map((projection) => ({ projection, stream_id: streamId, server_seq: serverSeq })))
      .onConflict((oc) =>
        oc
          .columns(['projection', 'stream_id'])
          .doUpdateSet((eb) => ({ server_seq: eb.ref('excluded.server_seq') })),
      )
      .execute();
  }

  async reset(projection: string): Promise<void> {
    await this.db.deleteFrom('projection_cursors').where('projection', '=', projection).execute();
  }
}
