import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyScan } from '../../../../core/scan/classify';
import type { ScanClassification, ScanContext } from '../../../../core/scan/scan-classification';
import { classifyProductCode } from '../../../../core/scan/product-code';
import { DEFAULT_SCAN_CONFIG, DEMO_SCAN_CONFIG } from '../../../../core/scan/scan-config';
import { scanSourceSchema } from '../../../../core/bridge/kassa-host';

const KINDS = ['product', 'loyalty-card', 'coupon', 'gift-card', 'member-qr', 'gs1'];
const REASONS = [
  'empty',
  'too-long',
  'unknown-code',
  'checksum',
  'malformed',
  'unreadable',
  'not-loyalty-card',
  'signature',
  'code-expired',
  'code-wrong',
  'code-reused',
];
const secret = new Uint8Array(20).fill(7);
const context: ScanContext = {
  nowMs: Date.UTC(2026, 10, 25),
  memberSecret: () => secret,
  lastAcceptedStep: () => 59_000_000,
};

function expectWellFormed(r: ScanClassification): void {
  if (r.ok) {
    expect(KINDS).toContain(r.value.kind);
  } else {
    expect(REASONS).toContain(r.reason);
    expect(typeof r.message).toBe('string');
    expect(r.message.length).toBeGreaterThan(0);
    expect(r.message.length).toBeLessThan(400);
  }
}

const bytes = fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b));
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  bytes,
  fc.string({ unit: fc.constantFrom(...'0123456789;=?%^+()]\u001dBKCdQE- '), maxLength: 80 }),
);
// Starts of every family, so the fuzz reaches deep into each parser, not just the front door.
const familyStarts = fc.constantFrom(
  '',
  ']d2',
  ']Q3',
  ']C1',
  ']E0',
  '01',
  '0109506000134352',
  '(01)',
  '%B',
  ';',
  '+',
  'KC',
  '9826',
  '2620',
  '7083',
  'KASSA-M:',
  'kassa-m:x:',
  '\u001d',
);
const symbology = fc.option(
  fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(']d2', 'EAN-13', 'upce', 'qr')),
  {
    nil: undefined,
  },
);
const source = fc.option(fc.constantFrom(...scanSourceSchema.options), { nil: undefined });

describe('classifyScan never throws (fuzz)', () => {
  it('random bytes, binary strings and unicode classify or give a typed reason', () => {
    fc.assert(
      fc.property(familyStarts, anyText, symbology, source, (start, text, sym, src) => {
        for (const config of [DEMO_SCAN_CONFIG, DEFAULT_SCAN_CONFIG]) {
          expectWellFormed(
            classifyScan({ text: start + text, symbology: sym, source: src }, config, context),
          );
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('odd moments (negative, huge, NaN) do not break the member-code and date logic', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double(), fc.constant(Number.NaN)),
        fc.constantFrom('KASSA-M:AB:12345678', ']d2010950600013435217261231'),
        (nowMs, text) => {
          expectWellFormed(classifyScan({ text }, DEMO_SCAN_CONFIG, { nowMs, memberSecret: () => secret }));
        },
      ),
    );
  });

  it('input that is not even a string (a bug upstream) is refused as empty, not thrown', () => {
    const notText = { text: undefined } as unknown as { text: string };
    expect(classifyScan(notText, DEMO_SCAN_CONFIG, context)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('classifyProductCode gives a code or a typed reason for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 20 })),
        (text) => {
          const r = classifyProductCode(text);
          if (r.ok) expect(['gtin', 'variable-measure']).toContain(r.value.kind);
          else expect(['empty', 'not-digits', 'length', 'checksum']).toContain(r.reason);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
