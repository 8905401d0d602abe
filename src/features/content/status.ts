/**
 * The post workflow as an explicit table. `who` says which kind of person may make the move:
 * an editor (comms, supervisors, admins) or an approver (admins, supervisors and the comms
 * leads listed in content_approvers). Operators only read. Pure: used by pages to show the
 * right buttons and by the server to refuse everything else.
 */
export const STATUSES = [
  'idea',
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'cancelled',
] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  idea: 'Idea',
  draft: 'Borrador',
  in_review: 'En revisión',
  approved: 'Aprobada',
  scheduled: 'Programada',
  published: 'Publicada',
  cancelled: 'Cancelada',
};

export type Actor = 'editor' | 'approver';

export interface Transition {
  from: Status;
  to: Status;
  who: Actor;
  /** Button text on the post page. */
  label: string;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'idea', to: 'draft', who: 'editor', label: 'Pasar a borrador' },
  { from: 'draft', to: 'in_review', who: 'editor', label: 'Enviar a revisión' },
  { from: 'in_review', to: 'draft', who: 'editor', label: 'Regresar a borrador' },
  { from: 'in_review', to: 'approved', who: 'approver', label: 'Aprobar' },
  { from: 'approved', to: 'scheduled', who: 'editor', label: 'Marcar como programada' },
  { from: 'approved', to: 'draft', who: 'editor', label: 'Regresar a borrador' },
  { from: 'scheduled', to: 'approved', who: 'editor', label: 'Quitar de la programación' },
  // Manual-publish channels (print, WhatsApp groups…) go out straight from "approved".
  { from: 'approved', to: 'published', who: 'editor', label: 'Marcar como publicada' },
  { from: 'scheduled', to: 'published', who: 'editor', label: 'Marcar como publicada' },
  { from: 'idea', to: 'cancelled', who: 'editor', label: 'Cancelar publicación' },
  { from: 'draft', to: 'cancelled', who: 'editor', label: 'Cancelar publicación' },
  { from: 'in_review', to: 'cancelled', who: 'editor', label: 'Cancelar publicación' },
  { from: 'approved', to: 'cancelled', who: 'editor', label: 'Cancelar publicación' },
  { from: 'scheduled', to: 'cancelled', who: 'editor', label: 'Cancelar publicación' },
  { from: 'cancelled', to: 'idea', who: 'editor', label: 'Recuperar como idea' },
];

export function findTransition(from: Status, to: Status): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** Moves `person` may make from `from`. */
export function allowedTransitions(
  from: Status,
  person: { canEdit: boolean; canApprove: boolean },
): Transition[] {
  return TRANSITIONS.filter(
    (t) => t.from === from && (t.who === 'approver' ? person.canApprove : person.canEdit),
  );
}

/** Statuses whose copy has been signed off: editing the copy sends them back to draft. */
export const APPROVED_STATUSES: readonly Status[] = ['approved', 'scheduled'];
/** Statuses that no longer change date: what is out is out. */
export const FROZEN_STATUSES: readonly Status[] = ['published', 'cancelled'];
/** Not yet approved: the assignee gets a reminder the day before. */
export const NEEDS_WORK_STATUSES: readonly Status[] = ['idea', 'draft', 'in_review'];
