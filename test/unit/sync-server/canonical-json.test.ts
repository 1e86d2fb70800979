import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../sync-server/src/domain/push/canonical-json';
import { pushRows, saleChain } from '../../integration/sync-server/support/sale-events';

/** The server stores and hashes what canonicalJson writes: it must be canonicalize's output exactly. */
describe('canonicalJson', () => {
  it('writes what canonicalize writes for any JSON document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes what canonicalize writes for objects whose keys JSON.stringify would reorder', () => {
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '0',
        '1',
        '10',
        '9',
        '01',
        '-1',
        '4294967294',
        '4294967295',
        '1e3',
        '__proto__',
        'toJSON',
      ),
    );
    const doc = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), tie('object'), tie('array')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
      array: fc.array(tie('value'), { maxLength: 4 }),
    }));
    fc.assert(
      fc.property(doc.value, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes what canonicalize writes for a JSON-parsed `__proto__` key and for values JSON has not', () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":[1,2]},"a":"é\\u2028"}') as unknown;
    expect(canonicalJson(parsed)).toBe(canonicalize(parsed));
    const odd = { b: undefined, a: [undefined, 1], d: new Date(0), c: -0 };
    expect(canonicalJson(odd)).toBe(canonicalize(odd));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
  });

  it('writes what canonicalize writes for the documents a till pushes', () => {
    for (const { newDocumentState: d } of pushRows(saleChain('T-c', 's-c', 50)))
      expect(canonicalJson(d)).toBe(canonicalize(d));
  });
});
