import canonicalize from 'canonicalize';

/**
 * The canonical JSON (RFC 8785, byte for byte what the `canonicalize` package writes) of a pushed
 * document, which the journal stores and the event's hash covers. The package builds its output
 * from a string per key and per value; here the document is copied with its keys in sorted order
 * and V8's JSON.stringify writes it in one pass (server-fold bench: 2.5× faster, a tenth of the
 * push's CPU on PostgreSQL). JSON.stringify writes keys in insertion order except integer-like
 * ones, which come first in numeric order: an object with such a key (or a `__proto__` key, or a
 * value that is not plain JSON) goes to the package instead.
 */
export function canonicalJson(value: unknown): string {
  const sorted = sortedCopy(value);
  return sorted === NOT_PLAIN ? (canonicalize(value) as string) : JSON.stringify(sorted);
}

const NOT_PLAIN = Symbol('not plain JSON');
const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;

function sortedCopy(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : NOT_PLAIN;
  if (typeof v !== 'object') return NOT_PLAIN;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return NOT_PLAIN;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = sortedCopy(v[i]);
      if (x === NOT_PLAIN) return NOT_PLAIN;
      out[i] = x;
    }
    return out;
  }
  const keys = Object.keys(v).sort();
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    if (k === '__proto__' || INTEGER_LIKE.test(k)) return NOT_PLAIN;
    const x = sortedCopy((v as Record<string, unknown>)[k]);
    if (x === NOT_PLAIN) return NOT_PLAIN;
    out[k] = x;
  }
  return out;
}
