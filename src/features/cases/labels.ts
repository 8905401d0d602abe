/**
 * Spanish labels for the case vocabularies. Shared by pages and islands (no server imports).
 * Keys match the database enums in db/schema/cases.ts.
 */
export const CHANNEL_LABELS = {
  phone: 'Llamada telefónica',
  whatsapp: 'WhatsApp',
  walk_in: 'Atención presencial',
  field: 'Visita de campo',
  email: 'Correo electrónico',
  social: 'Redes sociales',
} as const;

export const CALL_TYPE_LABELS = {
  data: 'Con datos (atención)',
  information: 'Solo información',
  silent: 'Silenciosa',
  hang_up: 'Colgó',
  prank: 'Broma',
  wrong_number: 'Número equivocado',
} as const;

export const CALLER_ROLE_LABELS = {
  victim: 'Víctima',
  witness: 'Testigo',
  relative: 'Familiar',
  other: 'Otra persona',
} as const;

export const AGE_RANGE_LABELS = {
  unknown: 'No se sabe',
  '0-11': 'Menos de 12 años',
  '12-17': '12 a 17 años',
  '18-29': '18 a 29 años',
  '30-44': '30 a 44 años',
  '45-59': '45 a 59 años',
  '60+': '60 años o más',
} as const;

export const GENDER_LABELS = {
  unknown: 'No se sabe',
  woman: 'Mujer',
  man: 'Hombre',
  non_binary: 'No binaria',
  other: 'Otra identidad',
} as const;

export const SERVICE_LABELS = {
  legal: 'Asesoría legal',
  psychological: 'Asesoría psicológica',
  crisis: 'Contención en crisis',
  accompaniment: 'Acompañamiento',
  referral: 'Canalización',
} as const;

export const RISK_LABELS = {
  none: 'Sin riesgo aparente',
  low: 'Bajo',
  medium: 'Medio',
  high: 'Alto',
} as const;

export const REPORT_LABELS = {
  not_applicable: 'No aplica',
  encouraged: 'Se le animó a denunciar',
  filed: 'Ya presentó denuncia',
  declined: 'No quiere denunciar',
} as const;

export const CASE_STATUS_LABELS = {
  open: 'Abierto',
  follow_up: 'En seguimiento',
  closed: 'Cerrado',
} as const;

export const FOLLOW_UP_TYPE_LABELS = {
  call: 'Llamada',
  visit: 'Visita',
  accompaniment: 'Acompañamiento',
} as const;

export type Channel = keyof typeof CHANNEL_LABELS;
export type CallType = keyof typeof CALL_TYPE_LABELS;
export type ServiceKey = keyof typeof SERVICE_LABELS;

export const keysOf = <T extends Record<string, string>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** How the access history names each audited action on a case. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'case.create': 'Abrió el caso',
  'case.read': 'Consultó el caso',
  'case.status': 'Cambió el estado',
  'case.reopen': 'Reabrió el caso',
  'case.note': 'Agregó una nota',
  'case.assign': 'Asignó a una persona',
  'case.unassign': 'Quitó una asignación',
  'case.anonymize': 'Anonimizó (conservación)',
  'contact.create': 'Registró un contacto',
  'followup.create': 'Programó un seguimiento',
  'followup.complete': 'Registró un seguimiento',
  'referral.create': 'Canalizó',
  'referral.outcome': 'Registró el resultado de una canalización',
  'oficio.create': 'Redactó un oficio',
  'oficio.read': 'Consultó un oficio',
  'oficio.edit': 'Editó un oficio',
  'oficio.send': 'Registró el envío de un oficio',
  'oficio.acknowledge': 'Registró un acuse',
  'oficio.answer': 'Registró la respuesta a un oficio',
  'oficio.overdue': 'Oficio vencido (automático)',
};
