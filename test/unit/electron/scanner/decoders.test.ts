import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder } from '../../../../electron/host/scanner/decoders/create-decoder';
import { createHidPosDecoder } from '../../../../electron/host/scanner/decoders/hid-pos-decoder';
import { createKeyboardDecoder } from '../../../../electron/host/scanner/decoders/keyboard-decoder';
import { createMagstripeDecoder } from '../../../../electron/host/scanner/decoders/magstripe-decoder';
import { fromHex, type ReportDecoder } from '../../../../electron/host/scanner/decoders/report-decoder';
import { fixture, hidFixtures, reportsOf } from './hid-fixtures';
import { inputReportLengths } from './report-descriptor';

function feed(decoder: ReportDecoder, reports: Uint8Array[]) {
  return reports.map((r) => decoder.push(r));
}
const scans = (decoder: ReportDecoder, reports: Uint8Array[]) =>
  feed(decoder, reports).flatMap((r) => (r.ok && r.value ? [r.value] : []));

const keyReport = (mod: number, ...keys: number[]) =>
  Uint8Array.from([mod, 0, ...keys, ...Array(6 - keys.length).fill(0)]);
const UP = keyReport(0);
const typed = (layout: 'us' | 'de' | 'nl', keys: [number, number][]) => {
  const d = createKeyboardDecoder({ layout });
  return feed(
    d,
    keys.flatMap(([m, k]) => [keyReport(m, k), UP]),
  ).filter((r) => !r.ok || r.value);
};

describe('every HID fixture decodes byte-exact to its expected text', () => {
  for (const f of hidFixtures) {
    it(`${f.name} (${f.device.manufacturer} ${f.device.product})`, () => {
      const decoder = createDecoder({ decoder: f.decoder, layout: f.layout ?? 'us' });
      const reports = reportsOf(f);
      const out = scans(decoder, reports);
      expect(out.map((s) => ({ text: s.text, ...(s.symbology ? { symbology: s.symbology } : {}) }))).toEqual(
        f.expected,
      );
      // The device test screen shows exactly the bytes that made the scan (key releases included).
      if (f.decoder !== 'hid-keyboard') expect(out[0]?.rawHex).toBe(f.reports.join(' '));
    });

    it(`${f.name}: every captured report has the length its report descriptor declares`, () => {
      const { lengths, usagePage } = inputReportLengths(fromHex(f.descriptor));
      expect(usagePage).toBe(f.device.usagePage);
      for (const report of reportsOf(f)) {
        const id = lengths.has(0) ? 0 : (report[0] ?? -1);
        expect(lengths.get(id)).toBe(report.length);
      }
    });
  }
});

describe('HID POS decoder', () => {
  const [first, second] = reportsOf(fixture('access-is-lsr118-hidpos-qr-two-reports'));

  it('holds a continued code until its last report, then delivers it whole', () => {
    const d = createHidPosDecoder();
    expect(d.push(first!)).toEqual({ ok: true, value: null });
    const done = d.push(second!);
    expect(done.ok && done.value?.text.length).toBe(60);
  });

  it('drops a half code whose symbology changes midway and decodes the next code cleanly', () => {
    const d = createHidPosDecoder();
    const ean = reportsOf(fixture('hidpos-ean13-single-report'))[0]!;
    d.push(first!);
    expect(d.push(ean)).toMatchObject({ ok: false, reason: 'symbology-changed' });
    expect(d.push(ean)).toMatchObject({ ok: true, value: { text: '4006381333931', symbology: ']E0' } });
  });

  it('refuses reports of another id, too short, or claiming more data than they carry', () => {
    const d = createHidPosDecoder();
    expect(d.push(Uint8Array.from([0x01, 0, 0, 0, 0, 0, 0]))).toMatchObject({ reason: 'unknown-report-id' });
    expect(d.push(Uint8Array.from([0x02, 1]))).toMatchObject({ reason: 'report-too-short' });
    const lying = Uint8Array.from(first!);
    lying[1] = 57;
    expect(d.push(lying)).toMatchObject({ reason: 'length-out-of-range' });
  });

  it('keeps NUL and GS bytes inside the counted data', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 5, 0x5d, 0x43, 0x31, 0x41, 0x00, 0x1d, 0x42, 0x43]);
    expect(createHidPosDecoder().push(report)).toMatchObject({
      ok: true,
      value: { text: 'A\0\x1dBC', symbology: ']C1' },
    });
  });

  it('leaves out the symbology when the scanner sends none', () => {
    const report = new Uint8Array(64);
    report.set([0x02, 3, 0, 0, 0, 0x31, 0x32, 0x33]);
    const r = createHidPosDecoder().push(report);
    expect(r).toEqual({ ok: true, value: { text: '123', rawHex: expect.any(String) } });
  });
});

describe('keyboard boot-protocol decoder', () => {
  it('types the same key codes as different characters on US, German and Dutch layouts', () => {
    // Key 0x1C is "y" in the US and Dutch layouts and "z" in the German one; 0x38 is "/" vs "-".
    const keys: [number, number][] = [
      [0, 0x1c],
      [0, 0x38],
      [0x02, 0x1f],
      [0, 0x28],
    ];
    const text = (layout: 'us' | 'de' | 'nl') => {
      const [r] = typed(layout, keys);
      return r?.ok ? r.value?.text : r?.reason;
    };
    expect(text('us')).toBe('y/@');
    expect(text('de')).toBe('z-"');
    expect(text('nl')).toBe('y-"');
  });

  it('reads Shift from either shift key and AltGr from right Alt or Ctrl+Alt', () => {
    const [r] = typed('de', [
      [0x20, 0x04],
      [0x40, 0x14],
      [0x01 | 0x04, 0x08],
      [0, 0x28],
    ]);
    expect(r).toMatchObject({ ok: true, value: { text: 'A@€' } });
  });

  it('ends a scan on Tab and on keypad Enter, with keypad digits', () => {
    expect(
      typed('us', [
        [0, 0x59],
        [0, 0x62],
        [0, 0x2b],
      ])[0],
    ).toMatchObject({ value: { text: '10' } });
    expect(
      typed('us', [
        [0, 0x1e],
        [0, 0x58],
      ])[0],
    ).toMatchObject({ value: { text: '1' } });
  });

  it('types a dead key followed by Space as the accent itself', () => {
    expect(
      typed('de', [
        [0, 0x35],
        [0, 0x2c],
        [0, 0x1e],
        [0, 0x28],
      ])[0],
    ).toMatchObject({ value: { text: '^1' } });
  });

  it('counts a held key once, ignores phantom rollover and honours backspace', () => {
    const d = createKeyboardDecoder({ layout: 'us' });
    const out = feed(d, [
      keyReport(0, 0x1e),
      keyReport(0, 0x1e), // still held: not typed again
      keyReport(0, 0x1e, 0x1f), // 2 pressed while 1 held
      keyReport(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), // phantom state
      UP,
      keyReport(0, 0x2a), // backspace
      UP,
      keyReport(0, 0x28),
    ]);
    expect(out.at(-1)).toMatchObject({ ok: true, value: { text: '1' } });
  });

  it('refuses a scan with a key the layout cannot type, and decodes the next one', () => {
    const d = createKeyboardDecoder({ layout: 'us' });
    const bad = feed(d, [keyReport(0, 0x1e), UP, keyReport(0, 0x3a /* F1 */), UP, keyReport(0, 0x28)]);
    expect(bad.at(-1)).toMatchObject({ ok: false, reason: 'unmapped-key' });
    const good = feed(d, [keyReport(0, 0x1f), UP, keyReport(0, 0x28)]);
    expect(good.at(-1)).toMatchObject({ ok: true, value: { text: '2' } });
  });

  it('strips a report id when the scanner sends one, and refuses short reports', () => {
    const d = createKeyboardDecoder({ layout: 'us', reportId: 1 });
    feed(d, [Uint8Array.from([1, ...keyReport(0, 0x20)]), Uint8Array.from([1, ...UP])]);
    expect(d.push(Uint8Array.from([1, ...keyReport(0, 0x28)]))).toMatchObject({
      ok: true,
      value: { text: '3' },
    });
    expect(d.push(Uint8Array.from([0, 0, 4]))).toMatchObject({ ok: false, reason: 'report-too-short' });
    // Without a configured id, a 9-byte report is a boot report behind its id.
    const auto = createKeyboardDecoder({ layout: 'us' });
    feed(auto, [Uint8Array.from([3, ...keyReport(0x02, 0x1f)]), Uint8Array.from([3, ...UP])]);
    expect(auto.push(Uint8Array.from([3, ...keyReport(0, 0x28)]))).toMatchObject({
      ok: true,
      value: { text: '@' },
    });
  });
});

describe('magstripe decoder', () => {
  const report = reportsOf(fixture('magtek-swipe-tracks-1-2'))[0]!;

  it('joins the tracks with their sentinels, marking an unreadable track', () => {
    expect(createMagstripeDecoder().push(report)).toMatchObject({
      ok: true,
      value: { text: '%B6280001234567891^MEMBER/TEST^4912101?;6280001234567891=49121010000000000000?' },
    });
  });

  it('reads track 3 when present', () => {
    const r = Uint8Array.from(report);
    const t3 = ';0123456789?';
    r[5] = t3.length;
    r.set(
      [...t3].map((c) => c.charCodeAt(0)),
      227,
    );
    const out = createMagstripeDecoder().push(r);
    expect(out.ok && out.value?.text.endsWith('?;0123456789?')).toBe(true);
  });

  it('answers a typed reason for a blank card, a short report or an impossible length', () => {
    const blank = new Uint8Array(337);
    expect(createMagstripeDecoder().push(blank)).toMatchObject({ ok: false, reason: 'no-track-data' });
    expect(createMagstripeDecoder().push(report.subarray(0, 100))).toMatchObject({
      reason: 'report-too-short',
    });
    const lying = Uint8Array.from(report);
    lying[3] = 111;
    expect(createMagstripeDecoder().push(lying)).toMatchObject({ reason: 'length-out-of-range' });
  });
});

describe('garbage never throws', () => {
  const reasons = new Set([
    'report-too-short',
    'unknown-report-id',
    'length-out-of-range',
    'symbology-changed',
    'too-long',
    'unmapped-key',
    'no-track-data',
  ]);
  for (const kind of ['hid-pos', 'hid-keyboard', 'magstripe'] as const) {
    it(`${kind}: random report streams decode or return a typed reason`, () => {
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 30 }), (reports) => {
          const d = createDecoder({ decoder: kind, layout: 'de' });
          for (const r of reports) {
            const out = d.push(r);
            if (!out.ok) expect(reasons.has(out.reason)).toBe(true);
            else if (out.value) expect(out.value.text.length).toBeLessThanOrEqual(4096);
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});
