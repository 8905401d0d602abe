import type { RequestStatus } from '~db/schema/requests';

/**
 * The request's status machine. Who may make each move is part of the table: staff
 * (supervisor/admin), the requester through the private link, or scheduling (when an
 * activity is created for it / done).
 */
export type RequestActor = 'staff' | 'requester' | 'scheduling';

export const REQUEST_TRANSITIONS: Readonly<
  Record<RequestStatus, Partial<Record<RequestStatus, readonly RequestActor[]>>>
> = {
  received: {
    under_review: ['staff'],
    scheduled: ['staff', 'scheduling'],
    declined: ['staff'],
    cancelled: ['staff', 'requester'],
  },
  under_review: {
    received: ['staff'],
    scheduled: ['staff', 'scheduling'],
    declined: ['staff'],
    cancelled: ['staff', 'requester'],
  },
  scheduled: {
    under_review: ['staff', 'scheduling'],
    completed: ['staff', 'scheduling'],
    cancelled: ['staff', 'requester', 'scheduling'],
  },
  declined: { under_review: ['staff'] },
  cancelled: {},
  completed: {},
};

export function canTransition(from: RequestStatus, to: RequestStatus, actor: RequestActor): boolean {
  return REQUEST_TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/** Statuses where a reason must be given (it is shown to the requester). */
export const REASON_REQUIRED: ReadonlySet<RequestStatus> = new Set(['declined', 'cancelled']);

export const REQUEST_STATUS_LABELS: Record<RequestStatus, { es: string; en: string }> = {
  received: { es: 'Recibida', en: 'Received' },
  under_review: { es: 'En revisión', en: 'Under review' },
  scheduled: { es: 'Programada', en: 'Scheduled' },
  declined: { es: 'No aceptada', en: 'Declined' },
  cancelled: { es: 'Cancelada', en: 'Cancelled' },
  completed: { es: 'Realizada', en: 'Completed' },
};
