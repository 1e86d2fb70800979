import { describe, expect, it } from 'vitest';
import {
  MEMBER_APP_QR_FORMAT,
  memberAppQrText,
  memberAppSecret,
} from '../../../../core/loyalty/member-app-code';
import { DEMO_SCAN_CONFIG } from '../../../../core/scan';
import {
  acceptedAppCodesKey,
  createAcceptedAppCodes,
} from '../../../../renderer/src/features/checkout/accepted-app-codes';
import { interpretScan } from '../../../../renderer/src/features/checkout/interpret-scan';

/** localStorage as a Map: what a reload keeps. */
function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

const KEY = new Uint8Array(32).fill(7);
const ANNA = '01JANNA0000000000000000000';
const STEP = 59_000_000;
const AT = STEP * 30_000 + 5_000;
const open = (storage: ReturnType<typeof memoryStorage>, terminalId = 'T1') =>
  createAcceptedAppCodes({ terminalId, format: MEMBER_APP_QR_FORMAT, storage });

describe('member-app codes accepted at this till', () => {
  it('are kept across a reload, so the same code is refused after a restart too', () => {
    const storage = memoryStorage();
    open(storage).accept(ANNA, STEP, AT);
    const reloaded = open(storage);
    expect(reloaded.lastAcceptedStep(ANNA)).toBe(STEP);
    // Through the till's real scan path: verified once, refused after the reload.
    const code = memberAppQrText(KEY, ANNA, AT);
    const context = {
      memberSecret: (ref: string) => memberAppSecret(KEY, ref),
      lastAcceptedStep: (ref: string) => reloaded.lastAcceptedStep(ref),
    };
    expect(interpretScan(code, DEMO_SCAN_CONFIG, AT + 10_000, 'wedge', undefined, context)).toMatchObject({
      type: 'message',
      message: { key: 'scan.refused.code-reused' },
    });
    // Another terminal's profile keeps its own.
    expect(open(storage, 'T2').lastAcceptedStep(ANNA)).toBeUndefined();
  });

  it('never move back, and forget a step once no code of it can verify any more', () => {
    const storage = memoryStorage();
    const codes = open(storage);
    codes.accept(ANNA, STEP, AT);
    codes.accept(ANNA, STEP - 1, AT);
    expect(codes.lastAcceptedStep(ANNA)).toBe(STEP);
    codes.accept('01JBRAM0000000000000000000', STEP + 5, AT + 5 * 30_000);
    expect(codes.lastAcceptedStep(ANNA)).toBeUndefined();
    expect(Object.keys(JSON.parse(storage.m.get(acceptedAppCodesKey('T1')) ?? '{}'))).toEqual([
      '01JBRAM0000000000000000000',
    ]);
  });

  it('start empty from a damaged copy, and stay bounded', () => {
    expect(
      open(memoryStorage({ [acceptedAppCodesKey('T1')]: '{not json' })).lastAcceptedStep(ANNA),
    ).toBeUndefined();
    const junk = memoryStorage({
      [acceptedAppCodesKey('T1')]: JSON.stringify({ [ANNA]: 'x', B: 1.5, C: STEP }),
    });
    expect(open(junk).lastAcceptedStep(ANNA)).toBeUndefined();
    expect(open(junk).lastAcceptedStep('C')).toBe(STEP);
    const many = memoryStorage();
    const codes = open(many);
    for (let i = 0; i < 600; i++) codes.accept(`M${i}`, STEP, AT);
    expect(Object.keys(JSON.parse(many.m.get(acceptedAppCodesKey('T1')) ?? '{}'))).toHaveLength(500);
    expect(codes.lastAcceptedStep('M599')).toBe(STEP);
  });
});
