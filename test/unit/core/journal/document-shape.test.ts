import { describe, expect, it } from 'vitest';
import { documentShapeProblem } from '../../../../core/journal/document-shape';

const nested = (depth: number) => {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('the shape of a whole journal document', () => {
  it('passes an ordinary sale with unknown fields', () => {
    expect(
      documentShapeProblem({ id: 'x', lines: [{ name: 'Kaas 🧀', qty: 2 }], extra: { note: 'ok' } }),
    ).toBeUndefined();
    expect(documentShapeProblem({ id: 'x', optional: undefined })).toBeUndefined();
  });

  it('refuses nesting past 32 levels with the path, and answers for 10,000 levels without a stack overflow', () => {
    expect(documentShapeProblem({ extra: nested(30) })).toBeUndefined();
    expect(documentShapeProblem({ extra: nested(40) })).toMatchObject({
      message: 'the event is nested deeper than 32 levels.',
    });
    const deep = JSON.parse(`${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`) as unknown;
    expect(documentShapeProblem(deep)?.message).toMatch(/deeper than 32/);
  });

  it('refuses a document of more than a million characters at the field that crossed it', () => {
    expect(documentShapeProblem({ note: 'x'.repeat(999_000) })).toBeUndefined();
    expect(documentShapeProblem({ lines: [{ name: 'x'.repeat(1_000_001) }] })).toEqual({
      path: 'lines.0.name',
      message: 'the event is larger than 1,000,000 characters (at lines.0.name).',
    });
  });

  it('refuses more than 100,000 values', () => {
    expect(documentShapeProblem({ many: Array.from({ length: 100_001 }, () => 0) })?.message).toBe(
      'the event holds more than 100,000 values.',
    );
  });

  it('refuses text no database keeps as sent: NUL and unpaired surrogates, in values and in keys', () => {
    expect(documentShapeProblem({ name: 'Ba\u0000nanen' })).toEqual({
      path: 'name',
      message: 'text must not contain the NUL character.',
    });
    expect(documentShapeProblem({ lines: [{ name: 'Kaas \uD800 jong' }] })).toEqual({
      path: 'lines.0.name',
      message: 'text must be valid Unicode (it holds an unpaired surrogate).',
    });
    expect(documentShapeProblem({ ['\uDC00']: 1 })?.message).toMatch(
      /^the field name: text must be valid Unicode/,
    );
    expect(documentShapeProblem({ emoji: '👨‍👩‍👧‍👦', rtl: 'مرحبا' })).toBeUndefined();
  });

  it('refuses keys shaped like prototype poisoning, as JSON.parse delivers them', () => {
    expect(documentShapeProblem(JSON.parse('{"a":1,"__proto__":{"isAdmin":true}}'))).toEqual({
      path: '__proto__',
      message: 'the field name "__proto__" is not allowed.',
    });
    expect(documentShapeProblem(JSON.parse('{"x":{"constructor":{"prototype":{"isAdmin":true}}}}'))).toEqual({
      path: 'x.constructor',
      message: 'the field name "constructor" is not allowed.',
    });
    expect(documentShapeProblem({ constructor: 'a plain field' })).toBeUndefined();
  });
});
