import { describe, expect, it } from 'vitest';
import { SUPPORTED_SYNC_API } from '../../../core/sync/protocol';
import { syncVersionProblem } from '../../../sync-server/src/http/version-guard';

/** 426 only for a sync API version outside the supported range, whatever version this build writes. */
describe('sync API version guard', () => {
  it('serves every version in [min, max] and refuses the ones outside', () => {
    const range = { min: 1, max: 3 };
    expect(syncVersionProblem(0, range)).toMatchObject({ type: 'client-too-old' });
    for (const v of [1, 2, 3]) expect(syncVersionProblem(v, range)).toBeUndefined();
    expect(syncVersionProblem(4, range)).toMatchObject({
      type: 'client-too-new',
      message: expect.stringContaining('v1–v3'),
    });
  });

  it('uses SUPPORTED_SYNC_API by default', () => {
    expect(syncVersionProblem(SUPPORTED_SYNC_API.min)).toBeUndefined();
    expect(syncVersionProblem(SUPPORTED_SYNC_API.max)).toBeUndefined();
    expect(syncVersionProblem(SUPPORTED_SYNC_API.max + 1)).toMatchObject({ type: 'client-too-new' });
    expect(syncVersionProblem(SUPPORTED_SYNC_API.min - 1)).toMatchObject({ type: 'client-too-old' });
  });
});
