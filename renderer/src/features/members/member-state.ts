import { message, type Translatable } from '../../i18n/translatable';
import type { Identification } from './identify';

/**
 * One member per sale. The first identification attaches; a different one while a member is on
 * the sale waits for the cashier (`confirm`) before it replaces the first; removing is its own
 * action. `acceptedSteps` remembers the TOTP step of every member-app code this till accepted,
 * so classifyScan refuses the same code (or a copy of it) a second time — across sales too.
 */
export interface MemberState {
  attached: Identification | null;
  /** A second member waiting for "replace?" to be answered. */
  confirm: Identification | null;
  acceptedSteps: Readonly<Record<string, number>>;
  notice: Translatable | null;
}

export const INITIAL_MEMBER_STATE: MemberState = {
  attached: null,
  confirm: null,
  acceptedSteps: {},
  notice: null,
};

export type MemberAction =
  /** `step`: the TOTP step of a verified app code. */
  | { type: 'identified'; identification: Identification; step?: number }
  | { type: 'confirm-replace' }
  | { type: 'cancel-replace' }
  | { type: 'remove' }
  | { type: 'refused'; notice: Translatable }
  /** A card not in the replica is being looked up online. */
  | { type: 'looking-up'; card: string }
  | { type: 'sale-completed' };

export function sameIdentity(a: Identification, b: Identification): boolean {
  if (a.kind === 'member' && b.kind === 'member') return a.memberId === b.memberId;
  if (a.kind === 'provisional' && b.kind === 'provisional') return a.card === b.card;
  return false;
}

/** Who the open sale belongs to, as the basket store keeps it (a replacement still asked is not). */
export function attachedIdentification(state: MemberState): Identification | null {
  return state.attached;
}

export function memberReducer(state: MemberState, action: MemberAction): MemberState {
  switch (action.type) {
    case 'identified': {
      const id = action.identification;
      const acceptedSteps =
        action.step !== undefined && id.kind === 'member'
          ? { ...state.acceptedSteps, [id.memberId]: action.step }
          : state.acceptedSteps;
      if (!state.attached) return { ...state, attached: id, confirm: null, acceptedSteps, notice: null };
      if (sameIdentity(state.attached, id)) {
        return { ...state, confirm: null, acceptedSteps, notice: message('members.alreadyOnSale') };
      }
      return { ...state, confirm: id, acceptedSteps, notice: null };
    }
    case 'confirm-replace':
      return state.confirm ? { ...state, attached: state.confirm, confirm: null, notice: null } : state;
    case 'cancel-replace':
      return { ...state, confirm: null, notice: null };
    case 'remove':
      return { ...state, attached: null, confirm: null, notice: null };
    case 'refused':
      return { ...state, notice: action.notice };
    case 'looking-up':
      return { ...state, notice: message('members.lookingUp', { card: action.card }) };
    case 'sale-completed':
      return { ...state, attached: null, confirm: null, notice: null };
  }
}
