import type { EventStatus, RegistrationStatus } from '~db/schema/events';

/**
 * The event's status machine. A draft is invisible to the public; publishing opens it (within
 * its registration window); a cancellation is final and e-mails everyone registered.
 */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled'],
  cancelled: [],
};

export function canTransitionEvent(from: EventStatus, to: EventStatus): boolean {
  return EVENT_TRANSITIONS[from].includes(to);
}

/**
 * Registration moves and who may make them: the attendee (through the manage link), staff
 * (comms, supervisors, admins), or the system (automatic promotion from the waiting list).
 */
export type RegistrationActor = 'attendee' | 'staff' | 'system';

export const REGISTRATION_TRANSITIONS: Readonly<
  Record<RegistrationStatus, Partial<Record<RegistrationStatus, readonly RegistrationActor[]>>>
> = {
  confirmed: { waiting: ['staff'], cancelled: ['attendee', 'staff', 'system'] },
  waiting: { confirmed: ['staff', 'system'], cancelled: ['attendee', 'staff', 'system'] },
  cancelled: {},
};

export function canTransitionRegistration(
  from: RegistrationStatus,
  to: RegistrationStatus,
  actor: RegistrationActor,
): boolean {
  return REGISTRATION_TRANSITIONS[from][to]?.includes(actor) ?? false;
}

export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  draft: 'Borrador',
  published: 'Publicado',
  cancelled: 'Cancelado',
};

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, { es: string; en: string }> = {
  confirmed: { es: 'Confirmado', en: 'Confirmed' },
  waiting: { es: 'En lista de espera', en: 'On the waiting list' },
  cancelled: { es: 'Cancelado', en: 'Cancelled' },
};

/** Who plans events and who checks people in: 'events.manage' and 'events.checkin' in src/lib/policy.ts. */

/** Where registration stands for a published event at `now`, for the public pages. */
export type RegistrationWindowState = 'not_yet' | 'open' | 'closed';

export function registrationWindow(
  event: { registrationOpensAt: Date; registrationClosesAt: Date },
  now: Date,
): RegistrationWindowState {
  if (now < event.registrationOpensAt) return 'not_yet';
  if (now >= event.registrationClosesAt) return 'closed';
  return 'open';
}

/** What the public sees about seats: how many are left, or that the waiting list / full applies. */
export type SeatState = { kind: 'available'; left: number } | { kind: 'waitlist' } | { kind: 'full' };

export function seatState(capacity: number, confirmedSeats: number, waitlistEnabled: boolean): SeatState {
  const left = capacity - confirmedSeats;
  if (left > 0) return { kind: 'available', left };
  return waitlistEnabled ? { kind: 'waitlist' } : { kind: 'full' };
}
