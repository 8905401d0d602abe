import type { ActivityStatus, ActivityType } from '~db/schema/scheduling';

/** Client-safe labels and colours (the island imports this file). */
export const ACTIVITY_TYPES = [
  'workshop',
  'public_event',
  'field',
  'flyering',
  'meeting',
  'training',
  'other',
] as const satisfies readonly ActivityType[];
export const ACTIVITY_STATUSES = [
  'tentative',
  'confirmed',
  'done',
  'cancelled',
] as const satisfies readonly ActivityStatus[];

export const TYPE_LABELS: Record<ActivityType, string> = {
  workshop: 'Taller o plática',
  public_event: 'Evento público',
  field: 'Actividad de campo',
  flyering: 'Volanteo o campaña',
  meeting: 'Reunión',
  training: 'Capacitación',
  other: 'Otra',
};

/**
 * Colours by type, each with white text at ≥ 4.5:1. Colour is never the only cue: each type also
 * has a shape (TYPE_ICONS) shown on the event and in the legend, and its name is read out.
 */
export const TYPE_COLORS: Record<ActivityType, string> = {
  workshop: '#7a1f5c',
  public_event: '#1f5c99',
  field: '#2e6b30',
  flyering: '#8a4b00',
  meeting: '#4a4a7a',
  training: '#006b6b',
  other: '#555555',
};

/** A distinct shape per type, drawn on each event beside the colour (text glyphs every font has). */
export const TYPE_ICONS: Record<ActivityType, string> = {
  workshop: '◆',
  public_event: '★',
  field: '▲',
  flyering: '✉',
  meeting: '●',
  training: '■',
  other: '○',
};

export const STATUS_LABELS: Record<ActivityStatus, string> = {
  tentative: 'Tentativa',
  confirmed: 'Confirmada',
  done: 'Realizada',
  cancelled: 'Cancelada',
};

/** Short markers for the calendar title so status is readable without colour. */
export const STATUS_MARKS: Record<ActivityStatus, string> = {
  tentative: '(tentativa) ',
  confirmed: '',
  done: '✓ ',
  cancelled: '✗ ',
};

export interface FeedEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  /** FullCalendar v7 names: fill colour and the text colour on it. */
  color: string;
  contrastColor: string;
  editable: boolean;
  url: string;
  extendedProps: {
    type: ActivityType;
    status: ActivityStatus;
    operators: string;
    place: string;
    /** Who a move tells by e-mail (a scheduled workshop's institution); null when nobody. */
    institution: string | null;
  };
}
