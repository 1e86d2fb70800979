import type { ProductPullResponse } from '../../../core/sync/protocol';
import type { Storage } from '../storage/port';

/** RxDB pull: documents after the checkpoint, in serverSeq order; the checkpoint is the last one. */
export async function pullProducts(
  storage: Storage,
  storeId: string,
  after: number,
  limit: number,
): Promise<ProductPullResponse> {
  const documents = await storage.pullProducts(storeId, after, limit);
  const last = documents[documents.length - 1];
  return { documents, checkpoint: { serverSeq: last ? last.serverSeq : after } };
}
