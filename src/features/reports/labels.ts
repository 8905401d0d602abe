import type { Option } from './params';

/** Staff-facing Spanish labels for catalogue values the reports group by. */
export const INSTITUTION_TYPE_LABELS: Readonly<Record<string, string>> = {
  primaria: 'Primaria',
  secundaria: 'Secundaria',
  preparatoria: 'Preparatoria / bachillerato',
  universidad: 'Universidad',
  empresa: 'Empresa o centro de trabajo',
  centro_comunitario: 'Centro comunitario',
  gobierno: 'Dependencia de gobierno',
  otra: 'Otra',
};

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
