import { ledgerProjection } from './ledger-projection';
import { salesProjection } from './sales-projection';
import { seqTrackingProjection } from './seq-tracking-projection';
import type { FoldConfig, Projection } from './projection';

/** The server's projections. Loyalty adds accounts and the ledger here. */
export const DEFAULT_PROJECTIONS: readonly Projection[] = [
  seqTrackingProjection,
  salesProjection,
  ledgerProjection,
];
export const DEFAULT_FOLD_CONFIG: FoldConfig = { projections: DEFAULT_PROJECTIONS };
