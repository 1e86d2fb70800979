import { z } from 'zod';
import { JOURNAL_BOUNDS as B } from './bounds';
import { idField, sha256HexField, ulidField, type Known } from './fields';

/**
 * The fields every journal event has, whatever its type and version. The server checks these
 * strictly before it stores anything; everything else in the document is the body, kept whole
 * (z.looseObject), because the hash covers it exactly as the till wrote it.
 */
export const envelopeSchema = z.looseObject({
  id: ulidField,
  terminalId: idField,
  storeId: idField,
  /** Gap-free per terminal: 1, 2, 3, … */
  seq: z.number().int().min(1).max(B.maxSeq),
  /** Hash of this terminal's previous event (GENESIS_HASH for seq 1). */
  prevHash: sha256HexField,
  /** SHA-256 of the canonical JSON of this event without `hash` (see hash-chain.ts). */
  hash: sha256HexField,
  type: z
    .string()
    .regex(
      new RegExp(`^[a-z][a-z0-9-]{0,${B.maxTypeLength - 1}}$`),
      `must be a lowercase event type of at most ${B.maxTypeLength} characters, such as sale`,
    ),
  schemaVersion: z.number().int().min(1).max(B.maxSchemaVersion),
});

export type Envelope = Known<z.infer<typeof envelopeSchema>>;

/** Only the envelope fields of a parsed document (the body stays with the document). */
export function pickEnvelope(doc: Envelope): Envelope {
  return {
    id: doc.id,
    terminalId: doc.terminalId,
    storeId: doc.storeId,
    seq: doc.seq,
    prevHash: doc.prevHash,
    hash: doc.hash,
    type: doc.type,
    schemaVersion: doc.schemaVersion,
  };
}
