/**
 * Just enough of a HID report-descriptor parser to check a capture against its descriptor: the
 * byte length of each input report (report id byte included) and the first usage page.
 */
export function inputReportLengths(descriptor: Uint8Array): {
  lengths: Map<number, number>;
  usagePage: number;
} {
  let reportSize = 0;
  let reportCount = 0;
  let reportId = 0;
  let usagePage = -1;
  const bits = new Map<number, number>();
  for (let i = 0; i < descriptor.length; ) {
    const prefix = descriptor[i] ?? 0;
    if (prefix === 0xfe) {
      i += 3 + (descriptor[i + 1] ?? 0); // long item
      continue;
    }
    const size = [0, 1, 2, 4][prefix & 3] ?? 0;
    let value = 0;
    for (let b = 0; b < size; b++) value |= (descriptor[i + 1 + b] ?? 0) << (8 * b);
    const type = (prefix >> 2) & 3;
    const tag = prefix >> 4;
    if (type === 1 && tag === 0 && usagePage < 0) usagePage = value;
    if (type === 1 && tag === 7) reportSize = value;
    if (type === 1 && tag === 9) reportCount = value;
    if (type === 1 && tag === 8) reportId = value;
    if (type === 0 && tag === 8) bits.set(reportId, (bits.get(reportId) ?? 0) + reportSize * reportCount);
    i += 1 + size;
  }
  const lengths = new Map<number, number>();
  for (const [id, n] of bits) lengths.set(id, Math.ceil(n / 8) + (id === 0 ? 0 : 1));
  return { lengths, usagePage };
}
