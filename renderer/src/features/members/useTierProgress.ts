import { useMemo } from 'react';
import type { MemberDoc } from '../../../../core/loyalty/member-doc';
import type { CompiledProgram } from '../../../../core/rules';
import { tierProgressOf, type TierProgress } from './tier-progress';

/** The attached member's way to the next tier, at the clock's now, redone when they or the programs change. */
export function useTierProgress(
  doc: MemberDoc | undefined,
  programs: readonly CompiledProgram[],
  store: { storeId: string; timeZone: string },
  clock: () => number = Date.now,
): TierProgress | null {
  return useMemo(
    () => (doc ? tierProgressOf(doc, programs, store, clock()) : null),
    [clock, doc, programs, store],
  );
}
