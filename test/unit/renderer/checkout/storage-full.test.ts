import { describe, expect, it } from 'vitest';
import { isStorageFull } from '../../../../renderer/src/features/checkout/storage-full';

describe('isStorageFull', () => {
  const quota = new DOMException('The disk is full.', 'QuotaExceededError');
  it('finds the browser quota error however the storage layers wrapped it', () => {
    expect(isStorageFull(quota)).toBe(true);
    expect(isStorageFull({ name: 'DexieError', inner: quota })).toBe(true);
    expect(isStorageFull({ name: 'RxError', parameters: { error: { inner: quota } } })).toBe(true);
    expect(isStorageFull(new Error('write failed', { cause: quota }))).toBe(true);
    expect(isStorageFull(new Error('bulkWrite: QuotaExceededError: The disk is full.'))).toBe(true);
  });
  it('is not fooled by other failures', () => {
    expect(isStorageFull(new Error('conflict'))).toBe(false);
    expect(isStorageFull(new DOMException('gone', 'InvalidStateError'))).toBe(false);
    expect(isStorageFull(null)).toBe(false);
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(isStorageFull(loop)).toBe(false);
  });
});
