import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineSources } from '../../../../electron/host/scanner/combined-source';
import { createHidPosDecoder } from '../../../../electron/host/scanner/decoders/hid-pos-decoder';
import { toHex } from '../../../../electron/host/scanner/decoders/report-decoder';
import { encodeHidPosReports } from '../../../../electron/host/scanner/hid-pos-encoder';
import { createReplaySource } from '../../../../electron/host/scanner/replay-source';
import { fixture } from './hid-fixtures';

describe('HID POS encoder (demo scanner)', () => {
  it('produces the same bytes as the recorded single-report EAN-13, apart from the vendor code id', () => {
    const [report] = encodeHidPosReports('4006381333931', ']E0')!;
    const recorded = fixture('hidpos-ean13-single-report').reports[0]!;
    // Byte 61 is Honeywell's own code id, which the encoder leaves zero.
    expect(toHex(report!).slice(0, 122)).toBe(recorded.slice(0, 122));
    expect(report!.length).toBe(64);
  });

  it('round-trips any Latin-1 text through the real decoder, however many reports it takes', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)),
          maxLength: 400,
        }),
        (text) => {
          const decoder = createHidPosDecoder();
          const results = encodeHidPosReports(text, ']Q0')!.map((r) => decoder.push(r));
          const last = results.at(-1)!;
          expect(results.slice(0, -1).every((r) => r.ok && r.value === null)).toBe(true);
          expect(last).toMatchObject({ ok: true, value: text === '' ? null : { text, symbology: ']Q0' } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses characters a scanner cannot send', () => {
    expect(encodeHidPosReports('€5')).toBeNull();
  });
});

describe('combined device sources', () => {
  it('lists every source under its own namespace and opens through the right one', async () => {
    const a = createReplaySource([{ path: '/dev/hidraw0', vendorId: 1, productId: 1 }]);
    const b = createReplaySource([{ path: 'stdin', vendorId: 2, productId: 2 }]);
    const both = combineSources({ hid: a, demo: b });
    expect((await both.list()).map((d) => d.path)).toEqual(['hid:/dev/hidraw0', 'demo:stdin']);
    const opened = await both.open('demo:stdin');
    const got: number[] = [];
    opened.onReport((r) => got.push(r.length));
    b.play('stdin', [new Uint8Array(3)]);
    expect(got).toEqual([3]);
    await expect(both.open('nope:x')).rejects.toThrow(/no device source/);
  });

  it('keeps the other sources when one fails to list (no libusb)', async () => {
    const broken = createReplaySource();
    broken.list = () => Promise.reject(new Error('libusb missing'));
    const demo = createReplaySource([{ path: 'stdin', vendorId: 2, productId: 2 }]);
    expect((await combineSources({ hid: broken, demo }).list()).map((d) => d.path)).toEqual(['demo:stdin']);
  });
});
