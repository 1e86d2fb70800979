import { describe, expect, it } from 'vitest';
import type { StoreSyncStatus, TillSyncStatus } from '../../../core/backoffice/api';
import { statusText } from '../../../sync-server/src/cli/status-command';
import { missingAt, tillComplete } from '../../../sync-server/src/domain/sync-status/missing';
import { mergeRanges, subtractRanges } from '../../../sync-server/src/domain/sync-status/ranges';

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
const till = (t: Partial<TillSyncStatus>): TillSyncStatus => ({
  terminalId: 'T1',
  name: 'Kassa 1',
  online: true,
  lastSeenAt: NOW - 60_000,
  pendingOnTill: 0,
  pendingReportedAt: NOW - 60_000,
  lastSeq: 10,
  contiguousSeq: 10,
  gaps: [],
  lost: [],
  chain: 'ok',
  parked: 0,
  refused: 0,
  clockSkewMs: 2_000,
  silent: false,
  ...t,
});

describe('sync status, the pure parts', () => {
  it('a gap a manager marked lost is no longer missing; a gap split by it leaves both sides', () => {
    expect(subtractRanges([{ from: 3, to: 9 }], [{ from: 5, to: 6 }])).toEqual([
      { from: 3, to: 4 },
      { from: 7, to: 9 },
    ]);
    expect(subtractRanges([{ from: 3, to: 4 }], [{ from: 1, to: 10 }])).toEqual([]);
    expect(
      mergeRanges([
        { from: 5, to: 6 },
        { from: 1, to: 2 },
        { from: 3, to: 4 },
      ]),
    ).toEqual([{ from: 1, to: 6 }]);
  });

  it('says what is missing and where, and a complete till is complete', () => {
    expect(tillComplete(till({}))).toBe(true);
    const t = till({ gaps: [{ from: 4, to: 5, openSince: NOW - 10 * 60_000 }], pendingOnTill: 2, parked: 1 });
    expect(tillComplete(t)).toBe(false);
    expect(missingAt(t, NOW)).toEqual([
      'Till Kassa 1 (T1): seqs 4–5 not arrived (open 10 min).',
      'Till Kassa 1 (T1): 2 event(s) waiting on the till at its last push.',
      'Till Kassa 1 (T1): 1 event(s) parked (not understood yet).',
    ]);
    // An old till that never reported its count is not counted as waiting.
    expect(tillComplete(till({ pendingOnTill: null }))).toBe(true);
  });

  it('the CLI prints each store, each till and what is missing', () => {
    const s: StoreSyncStatus = {
      storeId: 's1',
      businessDay: '2026-12-01',
      allAtHq: false,
      missing: ['Till T2: silent for 20 min.'],
      tills: [
        till({}),
        till({ terminalId: 'T2', name: null, silent: true, online: false, lastSeenAt: NOW - 20 * 60_000 }),
      ],
      checkedAt: NOW,
    };
    const text = statusText([s]);
    expect(text).toContain('Store s1 (2026-12-01): NOT everything is at HQ');
    expect(text).toContain('T1 (Kassa 1): online, seen 1 min ago, seq 10 (all up to 10), waiting 0');
    expect(text).toContain('T2: offline, seen 20 min ago');
    expect(text).toContain('SILENT');
    expect(text).toContain('  - Till T2: silent for 20 min.');
  });
});
