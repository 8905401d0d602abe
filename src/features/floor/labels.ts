/** Words of the live floor, shared by the server pages and the board island (no server code here). */
export const FLOOR_STATES = ['online', 'on_call', 'break', 'field', 'meeting', 'off'] as const;
export type FloorStateName = (typeof FLOOR_STATES)[number];
export const BREAK_KINDS = ['meal', 'restroom', 'pause'] as const;
export type BreakKindName = (typeof BREAK_KINDS)[number];
export const HELP_REASONS = ['crisis', 'legal', 'threat', 'other'] as const;
export type HelpReasonName = (typeof HELP_REASONS)[number];

export const STATE_LABELS: Record<FloorStateName, string> = {
  online: 'En línea',
  on_call: 'En llamada',
  break: 'En descanso',
  field: 'En campo',
  meeting: 'En reunión o capacitación',
  off: 'Fuera de turno',
};

export const BREAK_LABELS: Record<BreakKindName, string> = {
  meal: 'comida',
  restroom: 'sanitario',
  pause: 'pausa',
};

export const HELP_REASON_LABELS: Record<HelpReasonName, string> = {
  crisis: 'Crisis',
  legal: 'Duda legal',
  threat: 'Amenaza',
  other: 'Otro motivo',
};

/** The one-click choices of the header widget: a state, or a break of one kind. */
export const STATE_CHOICES = [
  'online',
  'on_call',
  'break:meal',
  'break:restroom',
  'break:pause',
  'field',
  'meeting',
  'off',
] as const;
export type StateChoice = (typeof STATE_CHOICES)[number];

export function choiceLabel(choice: StateChoice): string {
  if (choice.startsWith('break:')) return `Descanso: ${BREAK_LABELS[choice.slice(6) as BreakKindName]}`;
  return STATE_LABELS[choice as FloorStateName];
}

export function stateLabel(state: FloorStateName, breakKind: BreakKindName | null): string {
  return state === 'break' && breakKind
    ? `${STATE_LABELS.break} (${BREAK_LABELS[breakKind]})`
    : STATE_LABELS[state];
}

/** Whole minutes from `from` to `now`. */
export function minutesSince(from: string | Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / 60_000));
}

/** "2 de 3 en línea: falta 1" against the shift's floor. */
export function floorSummary(online: number, min: number): { text: string; short: boolean } {
  const word = online === 1 ? 'persona' : 'personas';
  if (min <= 0) return { text: `${online} ${word} en línea`, short: false };
  if (online < min) {
    const missing = min - online;
    return { text: `${online} de ${min} en línea: falta${missing === 1 ? '' : 'n'} ${missing}`, short: true };
  }
  return { text: `${online} de ${min} en línea: turno cubierto`, short: false };
}

/** A break past its expected length (minutes by kind, from the settings). */
export function breakOverdue(
  person: { state: FloorStateName; breakKind: BreakKindName | null; startedAt?: string | undefined },
  expected: Record<BreakKindName, number>,
  now: Date,
): boolean {
  if (person.state !== 'break' || !person.breakKind || !person.startedAt) return false;
  return minutesSince(person.startedAt, now) > expected[person.breakKind];
}
