import { programDocId, type ProgramDoc } from '../../../../core/loyalty/program-doc';
import type { Db, FeedChange } from '../storage';
import { VersionedCatalogue, type CatalogueRecord } from './versioned-catalogue';

export type ProgramRecord = CatalogueRecord<'programId'>;

/**
 * Published program versions (immutable: publish, get, list, retire by id), also the `programs`
 * read model of the feed: the versions in a store's scope, retired ones as deleted.
 */
export class ProgramsRepo extends VersionedCatalogue<'programId', ProgramDoc> {
  constructor(db: Db, touch: (c: FeedChange) => void) {
    super(db, touch, {
      table: 'programs',
      idColumn: 'program_id',
      idKey: 'programId',
      collection: 'programs',
      toDoc: (v) => ({
        docId: programDocId(v.id, v.version),
        programId: v.id,
        version: v.version,
        program: v.body,
        publishedAt: v.publishedAt,
        serverSeq: v.serverSeq,
        _deleted: v.retiredAt !== null,
      }),
    });
  }
}
