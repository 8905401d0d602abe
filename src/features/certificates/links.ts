import { type PolicyUser, can } from '~/lib/policy';

/** Activity types whose facilitator gets a constancia (a talk given, not a meeting attended). */
export const TAUGHT_TYPES = ['workshop', 'training', 'public_event'] as const;

/**
 * The facilitator constancias the staff agenda offers on an activity's page: once it is done
 * with people counted, one per assigned person the viewer may download (their own; anyone's
 * for planning).
 */
export function facilitatorLinks(
  activity: {
    id: number;
    type: string;
    status: string;
    attendanceTotal: number | null;
    people: { id: number; name: string }[];
  },
  viewer: PolicyUser,
): { href: string; label: string }[] {
  if (activity.status !== 'done' || !(activity.attendanceTotal && activity.attendanceTotal > 0)) return [];
  if (!(TAUGHT_TYPES as readonly string[]).includes(activity.type)) return [];
  return activity.people
    .filter((p) => can(viewer, 'agenda.certificate', { mine: p.id === viewer?.id }))
    .map((p) => ({
      href:
        p.id === viewer?.id
          ? `/app/agenda/${activity.id}/constancia.pdf`
          : `/app/agenda/${activity.id}/constancia.pdf?persona=${p.id}`,
      label: p.id === viewer?.id ? 'Mi constancia (PDF)' : `Constancia de ${p.name} (PDF)`,
    }));
}
