import type { ArcoStatus } from '~db/schema/arco';

/**
 * The ARCO workflow's transitions. "Requiere información" pauses the legal clock (the days until
 * the person answers do not count); leaving it resumes the clock. "Respondida" and
 * "improcedente" are final (the latter with its legal ground).
 */
export const TRANSITIONS: Record<ArcoStatus, readonly ArcoStatus[]> = {
  received: ['needs_info', 'identity_verified', 'rejected'],
  needs_info: ['received', 'identity_verified', 'rejected'],
  identity_verified: ['needs_info', 'in_progress', 'answered', 'rejected'],
  in_progress: ['needs_info', 'answered', 'rejected'],
  answered: [],
  rejected: [],
};

export function canTransition(from: ArcoStatus, to: ArcoStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States whose answer deadline still runs (or is paused). */
export const OPEN_STATUSES = ['received', 'needs_info', 'identity_verified', 'in_progress'] as const;
export const isOpen = (s: ArcoStatus) => (OPEN_STATUSES as readonly string[]).includes(s);
/** Work on the request itself (search, rectify, cancel, flag) needs the identity verified first. */
export const mayFulfil = (s: ArcoStatus) => s === 'identity_verified' || s === 'in_progress';
