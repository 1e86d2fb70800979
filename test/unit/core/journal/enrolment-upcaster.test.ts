import { describe, expect, it } from 'vitest';
import { understandEvent } from '../../../../core/journal';

const v1 = {
  id: '01JDX2R4K8M3N5P7Q9S1T3V5W7',
  type: 'enrolment',
  terminalId: 'T1',
  storeId: 'S1',
  seq: 3,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  schemaVersion: 1,
  createdAt: 1795608000000,
  businessDay: '2026-11-25',
  memberId: '01JDX2R4K8M3N5P7Q9S1T3V5W8',
  card: '2620000000019',
  fullName: 'Ana Popescu',
  email: null,
  phoneHash: null,
  phoneLast3: null,
  consent: { marketing: true, dataProcessing: true, textVersion: 'nl-2026-11' },
  referralCode: null,
  shelf: 'kept',
};

describe('enrolment v1 → v2', () => {
  it('a v1 card came from the stock; every other field, unknown ones too, is kept', () => {
    expect(understandEvent(v1)).toEqual({
      kind: 'understood',
      event: { ...v1, schemaVersion: 2, cardSource: 'stock' },
    });
  });

  it('v2 names where its card came from; a v2 without it, or with another source, is invalid', () => {
    const v2 = { ...v1, schemaVersion: 2, cardSource: 'range' };
    expect(understandEvent(v2)).toEqual({ kind: 'understood', event: v2 });
    const { cardSource: _none, ...missing } = v2;
    expect(understandEvent(missing)).toMatchObject({ kind: 'invalid', path: 'cardSource' });
    expect(understandEvent({ ...v2, cardSource: 'printer' })).toMatchObject({
      kind: 'invalid',
      path: 'cardSource',
    });
  });
});
