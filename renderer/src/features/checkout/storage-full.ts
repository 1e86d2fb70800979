/**
 * Whether a failed write failed because the till's storage is full. The browser's
 * QuotaExceededError reaches us wrapped: by Dexie (`inner`), by RxDB (`parameters.error`, or only
 * in its message text), or as a `cause`.
 */
export function isStorageFull(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  const x = e as {
    name?: unknown;
    message?: unknown;
    inner?: unknown;
    cause?: unknown;
    parameters?: { error?: unknown };
  };
  if (x.name === 'QuotaExceededError') return true;
  if (typeof x.message === 'string' && x.message.includes('QuotaExceededError')) return true;
  return [x.inner, x.cause, x.parameters?.error].some((inner) => isStorageFull(inner, depth + 1));
}
