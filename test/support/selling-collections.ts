import type { RxJsonSchema } from 'rxdb';
import { journalMigrationStrategies, journalRxSchema } from '../../core/schema/journal.rx';
import { productsRxSchema } from '../../core/schema/products.rx';
import { refusalsRxSchema } from '../../core/schema/refusals.rx';
import type { JournalDoc, ProductDoc } from '../../renderer/src/db/database';
import { journalConflictHandler } from '../../renderer/src/sync/journal-conflict-handler';

/**
 * The collections a selling till replicates — products, journal, refusals — declared as
 * renderer/src/db/database.ts declares them (same schemas, migration strategies and conflict
 * handler), for harnesses that run several tills in one process: RxDB's open-source build keeps at
 * most 13 collections open at once and the full till database has 7.
 */
export const SELLING_COLLECTIONS = {
  products: { schema: productsRxSchema as unknown as RxJsonSchema<ProductDoc> },
  journal: {
    schema: journalRxSchema as unknown as RxJsonSchema<JournalDoc>,
    conflictHandler: journalConflictHandler,
    migrationStrategies: journalMigrationStrategies,
  },
  refusals: { schema: refusalsRxSchema as unknown as RxJsonSchema<Record<string, unknown>> },
};
