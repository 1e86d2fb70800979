import { totpStep, type MemberQrFormat } from '../../../../core/scan';

/**
 * The TOTP step of the last member-app code this till accepted, per member, kept in localStorage
 * so a reload or a restart does not open a replay window: the same code (or a copy of it, a
 * screenshot passed on) is refused as long as it could still verify (RFC 6238 §5.2).
 *
 * Bounded by itself: a step older than the verification window can never match again, so it is
 * dropped; what remains is the members who showed a code in the last minute or two.
 */
export interface AcceptedAppCodes {
  lastAcceptedStep(memberRef: string): number | undefined;
  accept(memberRef: string, step: number, nowMs: number): void;
}

/** More than any till sees in a verification window; a damaged or hostile store is cut to this. */
const MAX_KEPT = 500;

export const acceptedAppCodesKey = (terminalId: string): string => `kassa.appCodeSteps.${terminalId}`;

function read(storage: Pick<Storage, 'getItem'> | undefined, key: string): Map<string, number> {
  try {
    const parsed = JSON.parse(storage?.getItem(key) ?? '{}') as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return new Map();
    const entries = Object.entries(parsed).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && Number.isSafeInteger(e[1]),
    );
    return new Map(entries.slice(-MAX_KEPT));
  } catch {
    return new Map();
  }
}

export function createAcceptedAppCodes(options: {
  terminalId: string;
  format: Pick<MemberQrFormat, 'stepSeconds' | 'toleranceSteps'>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
}): AcceptedAppCodes {
  const storage = options.storage ?? globalThis.localStorage;
  const key = acceptedAppCodesKey(options.terminalId);
  const steps = read(storage, key);
  return {
    lastAcceptedStep: (memberRef) => steps.get(memberRef),
    accept(memberRef, step, nowMs) {
      const oldest = totpStep(nowMs, options.format.stepSeconds) - options.format.toleranceSteps;
      for (const [ref, s] of steps) if (s < oldest) steps.delete(ref);
      const before = steps.get(memberRef) ?? step;
      steps.delete(memberRef); // re-inserted last: the newest stay when the map is cut
      steps.set(memberRef, Math.max(step, before));
      while (steps.size > MAX_KEPT) steps.delete(steps.keys().next().value as string);
      try {
        storage?.setItem(key, JSON.stringify(Object.fromEntries(steps)));
      } catch {
        // Storage full or refused: this session still refuses the replay from memory.
      }
    },
  };
}
