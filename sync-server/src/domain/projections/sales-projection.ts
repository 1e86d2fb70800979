import { saleRecordOf } from '../../../../core/folds/sale-record';
import type { SaleEvent } from '../../../../core/journal/sale-event';
import type { Projection } from './projection';

/** Sales and their lines: what reports and the admin API read. */
export const salesProjection: Projection = {
  name: 'sales',
  reads: 'events',
  wants: (e) => e.type === 'sale',
  async fold(tx, inputs) {
    const sales = inputs
      .filter((i): i is typeof i & { event: SaleEvent } => i.event?.type === 'sale')
      .map((i) => saleRecordOf(i.event, i.serverSeq));
    await tx.sales.insertMany(sales);
  },
  reset: (tx) => tx.sales.reset(),
};
