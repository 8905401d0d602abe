/**
 * How the audit screen speaks: every action in Spanish, grouped in families for the filter, and
 * the address of the record an entry is about. Pure (no server imports). An action not listed
 * here (a new feature's) still reads in Spanish through its family and the rest of its name.
 */

export const AUDIT_FAMILIES = {
  login: 'Sesiones',
  logout: 'Sesiones',
  sessions: 'Sesiones',
  password: 'Contraseñas',
  user: 'Cuentas',
  settings: 'Ajustes',
  case: 'Casos',
  contact: 'Casos',
  followup: 'Seguimientos',
  oficio: 'Oficios',
  referral: 'Canalizaciones',
  daily_log: 'Bitácoras',
  directory: 'Directorio',
  request: 'Solicitudes de pláticas',
  activity: 'Agenda',
  timeoff: 'Agenda',
  calendar_feed: 'Agenda',
  event: 'Eventos',
  content: 'Contenido',
  mail: 'Correo',
  floor: 'Línea',
  arco: 'Derechos ARCO',
  constancia: 'Constancias',
} as const;

/** The family key of an action: its first dotted part ("content.post.move" → "content"). */
export const auditFamily = (action: string) => action.split('.')[0] ?? action;

/** The filter's choices: one per family label, each with the action prefixes it covers. */
export const AUDIT_FAMILY_OPTIONS: { value: string; label: string; prefixes: string[] }[] = (() => {
  const byLabel = new Map<string, string[]>();
  for (const [prefix, label] of Object.entries(AUDIT_FAMILIES))
    byLabel.set(label, [...(byLabel.get(label) ?? []), prefix]);
  return [...byLabel.entries()]
    .map(([label, prefixes]) => ({ value: prefixes[0]!, label, prefixes }))
    .sort((a, b) => a.label.localeCompare(b.label, 'es'));
})();

export const AUDIT_ACTION_TEXT: Record<string, string> = {
  'login.success': 'Inicio de sesión',
  'login.failure': 'Intento fallido de inicio de sesión',
  'login.throttled': 'Inicio de sesión bloqueado por intentos',
  logout: 'Cierre de sesión',
  'sessions.end-others': 'Cierre de las demás sesiones',
  'user.create': 'Alta de cuenta',
  'user.role': 'Cambio de rol',
  'user.enable': 'Cuenta activada',
  'user.disable': 'Cuenta desactivada',
  'user.rename': 'Cambio de nombre',
  'user.invite': 'Nuevo enlace de contraseña',
  'password.set': 'Contraseña elegida',
  'password.reset': 'Contraseña restablecida',
  'password.change': 'Cambio de contraseña',
  'password.change-throttled': 'Cambio de contraseña bloqueado por intentos',
  'password.reset-requested': 'Solicitud de cambio de contraseña',
  'arco.create': 'Solicitud ARCO recibida',
  'arco.received': 'Solicitud ARCO recibida',
  'arco.received_on': 'Fecha de recepción en papel',
  'arco.transition': 'Cambio de estado de una solicitud ARCO',
  'arco.report.build': 'Informe de acceso preparado',
  'arco.report.review': 'Informe de acceso revisado',
  'arco.report.review_cases': 'Casos del informe revisados por supervisión',
  'arco.report.release': 'Informe de acceso entregado',
  'arco.rectify': 'Rectificación de datos',
  'arco.cancel': 'Cancelación de datos',
  'arco.flag': 'Oposición o revocación registrada',
  'arco.notify-staff': 'Aviso de plazo ARCO al equipo',
  'certificate.download': 'Descarga de constancias',
  'mail.withdraw': 'Correo retirado antes de salir',
  'settings.update': 'Cambio de ajustes',
  'settings.retention': 'Cambio del plazo de conservación',
  'case.create': 'Caso abierto',
  'case.read': 'Consulta de un caso',
  'case.search': 'Búsqueda de casos',
  'case.status': 'Cambio de estado de un caso',
  'case.reopen': 'Caso reabierto',
  'case.note': 'Nota en un caso',
  'case.assign': 'Persona agregada a un caso',
  'case.unassign': 'Persona retirada de un caso',
  'case.anonymize': 'Caso anonimizado por conservación',
  'case.rectify': 'Datos de un caso corregidos (ARCO)',
  'contact.create': 'Contacto registrado',
  'followup.create': 'Seguimiento programado',
  'followup.complete': 'Seguimiento hecho',
  'followup.queue': 'Consulta de la lista de seguimientos',
  'oficio.create': 'Oficio redactado',
  'oficio.read': 'Consulta de un oficio',
  'oficio.overdue': 'Oficio vencido',
  'oficio.sent': 'Oficio enviado',
  'oficio.acknowledged': 'Acuse de un oficio',
  'oficio.answered': 'Respuesta a un oficio',
  'oficio.closed': 'Oficio cerrado',
  'referral.create': 'Canalización registrada',
  'referral.outcome': 'Resultado de una canalización',
  'daily_log.read': 'Consulta de una bitácora',
  'daily_log.sign_off': 'Bitácora firmada',
  'directory.org.create': 'Organización agregada al directorio',
  'directory.org.update': 'Organización editada',
  'directory.service.create': 'Servicio agregado',
  'directory.service.update': 'Servicio editado',
  'directory.service.verify': 'Servicio verificado hoy',
  'directory.location.create': 'Sede agregada',
  'directory.location.update': 'Sede editada',
  'directory.location.retire': 'Sede retirada',
  'directory.phone.create': 'Teléfono agregado',
  'directory.phone.update': 'Teléfono editado',
  'directory.phone.retire': 'Teléfono retirado',
  'directory.contact.create': 'Persona de contacto agregada',
  'directory.contact.update': 'Persona de contacto editada',
  'directory.contact.retire': 'Persona de contacto retirada',
  'request.create': 'Solicitud de plática recibida',
  'request.status': 'Cambio de estado de una solicitud',
  'request.schedule': 'Solicitud programada',
  'request.cancel': 'Solicitud cancelada',
  'activity.create': 'Actividad agendada',
  'activity.cancel': 'Actividad cancelada',
  'activity.outcome': 'Resultado de una actividad',
  'activity.export': 'Exportación de la agenda',
  'timeoff.create': 'Ausencia registrada',
  'timeoff.delete': 'Ausencia borrada',
  'calendar_feed.create': 'Enlace de calendario creado',
  'calendar_feed.revoke': 'Enlace de calendario revocado',
  'event.create': 'Evento creado',
  'event.update': 'Evento editado',
  'event.publish': 'Evento publicado',
  'event.cancel': 'Evento cancelado',
  'event.export': 'Exportación de registros de un evento',
  'event.registration.cancelled': 'Registro a un evento cancelado',
  'content.post.create': 'Publicación creada',
  'content.post.update': 'Publicación editada',
  'content.post.status': 'Cambio de estado de una publicación',
  'content.post.move': 'Publicación movida a otra fecha',
  'content.campaign.create': 'Campaña creada',
  'content.campaign.update': 'Campaña editada',
  'content.asset.add': 'Recurso agregado',
  'content.asset.remove': 'Recurso quitado',
  'content.approver.add': 'Persona aprobadora agregada',
  'content.approver.remove': 'Persona aprobadora quitada',
  'mail.reveal': 'Enlace privado mostrado en el correo saliente',
  'mail.retry': 'Reintento de un correo fallido',
  'floor.history.read': 'Consulta del historial de estados de otra persona',
};

/** The action in Spanish: its own text, or its family and the rest ("Eventos: registration.waitlisted"). */
export function auditActionText(action: string): string {
  const own = AUDIT_ACTION_TEXT[action];
  if (own) return own;
  const family = AUDIT_FAMILIES[auditFamily(action) as keyof typeof AUDIT_FAMILIES];
  return family ? `${family}: ${action.split('.').slice(1).join(' ').replace(/[_-]/g, ' ')}` : action;
}

const ENTITY_TEXT: Record<string, string> = {
  case: 'Caso',
  case_category: 'Categoría',
  activity: 'Actividad',
  content_campaign: 'Campaña',
  content_post: 'Publicación',
  daily_log: 'Bitácora',
  dir_organization: 'Organización del directorio',
  dir_service: 'Servicio del directorio',
  event: 'Evento',
  event_registration: 'Registro a evento',
  mail_outbox: 'Correo',
  operator_booking: 'Reserva de agenda',
  settings: 'Ajustes',
  user: 'Cuenta',
  workshop: 'Plática del catálogo',
  workshop_request: 'Solicitud',
};

/**
 * What an entry is about, as people read it ("Caso LC-2026-00012", "Cuenta de Ana Ruiz") and, where
 * the record has a page, its address. `folio` and `userName` come from the query's joins.
 */
export function auditRecord(
  entity: string | null,
  entityId: string | number | null,
  extra: { folio?: string | null; userName?: string | null; serviceOrgId?: number | null } = {},
): { text: string; href: string | null } {
  if (!entity) return { text: '—', href: null };
  const kind = ENTITY_TEXT[entity] ?? entity;
  if (entityId === null) return { text: kind, href: null };
  switch (entity) {
    case 'case':
      return extra.folio
        ? { text: `Caso ${extra.folio}`, href: `/app/casos/${extra.folio}` }
        : { text: `${kind} (número interno ${entityId})`, href: null };
    case 'workshop_request':
      return {
        text: extra.folio ? `Solicitud ${extra.folio}` : `${kind} ${entityId}`,
        href: `/app/solicitudes/${entityId}`,
      };
    case 'user':
      return {
        text: extra.userName ? `Cuenta de ${extra.userName}` : `${kind} ${entityId}`,
        href: `/app/admin/usuarios/${entityId}`,
      };
    case 'activity':
      return { text: `${kind} ${entityId}`, href: `/app/agenda/${entityId}` };
    case 'event':
      return { text: `${kind} ${entityId}`, href: `/app/eventos/${entityId}` };
    case 'content_post':
      return { text: `${kind} ${entityId}`, href: `/app/contenido/publicaciones/${entityId}` };
    case 'content_campaign':
      return { text: `${kind} ${entityId}`, href: `/app/contenido/campanas/${entityId}` };
    case 'dir_organization':
      return { text: `${kind} ${entityId}`, href: `/app/directorio/${entityId}` };
    case 'dir_service':
      return extra.serviceOrgId
        ? { text: `${kind} ${entityId}`, href: `/app/directorio/${extra.serviceOrgId}` }
        : { text: `${kind} ${entityId}`, href: null };
    case 'mail_outbox':
      return { text: `${kind} ${entityId}`, href: `/app/correo/${entityId}` };
    default:
      return { text: `${kind} ${entityId}`, href: null };
  }
}
