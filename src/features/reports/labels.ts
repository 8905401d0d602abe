import { t } from '~/i18n';
import { INSTITUTION_TYPES } from '~/features/requests';
import type { Option } from './params';

/** Institution types as the request form names them (one wording across the app). */
export const INSTITUTION_TYPE_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  INSTITUTION_TYPES.map((type) => [type, t('es', `inst.${type}`)]),
);

export function labelOf(labels: Readonly<Record<string, string>>, key: string | null | undefined): string {
  if (key === null || key === undefined) return 'Sin dato';
  return labels[key] ?? key;
}

export function optionsOf(labels: Readonly<Record<string, string>>): Option[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/** Groupings every outreach report offers. */
export const TIME_GROUPINGS: readonly Option[] = [
  { value: 'mes', label: 'Mes' },
  { value: 'dia', label: 'Día' },
];
