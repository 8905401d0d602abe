/** Vocabularies of the referral directory (no server imports: pages and islands share them). */

/** Service categories (HSDS taxonomy terms of our own, kept short and stable). */
export const DIRECTORY_CATEGORIES = {
  legal: 'Asesoría jurídica',
  psicologica: 'Atención psicológica',
  salud: 'Salud y atención médica',
  refugio: 'Refugio y casa de emergencia',
  procuracion: 'Procuración de justicia (Fiscalía, MP)',
  victimas: 'Atención a víctimas',
  derechos_humanos: 'Derechos humanos',
  mujeres: 'Atención a mujeres',
  ninez: 'Niñas, niños y adolescentes',
  busqueda: 'Búsqueda de personas',
  adicciones: 'Adicciones',
  empleo: 'Empleo y apoyo económico',
  otro: 'Otro',
} as const;
export type DirectoryCategory = keyof typeof DIRECTORY_CATEGORIES;

export const SERVICE_STATUS_LABELS = {
  active: 'Activo',
  inactive: 'Inactivo',
  defunct: 'Ya no existe',
  'temporarily closed': 'Cerrado temporalmente',
} as const;

export const REFERRAL_OUTCOME_LABELS = {
  pending: 'Pendiente',
  attended: 'La atendieron',
  not_attended: 'No la atendieron',
  declined: 'La persona no acudió',
  unknown: 'Sin información',
} as const;

export const PHONE_TYPE_LABELS = {
  voice: 'Teléfono',
  cell: 'Celular',
  text: 'Mensajes (WhatsApp/SMS)',
  fax: 'Fax',
} as const;

/** Months without verification after which an entry is flagged as stale. */
export const STALE_AFTER_MONTHS = 6;

/** yyyy-mm-dd minus n calendar months (clamped to the month's end). */
export function subtractMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const target = new Date(Date.UTC(y!, m! - 1 - n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d!, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Never verified, or verified more than STALE_AFTER_MONTHS before `today`. */
export function isStale(lastVerifiedOn: string | null, today: string): boolean {
  return lastVerifiedOn === null || lastVerifiedOn < subtractMonths(today, STALE_AFTER_MONTHS);
}
