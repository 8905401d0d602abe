import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { getStaffEvent, listRegistrationsForExport, listWalkIns } from '~/features/events/admin.server';
import { toCsv } from '~/features/events/csv';
import { REGISTRATION_STATUS_LABELS } from '~/features/events/status';
import { formatInstant, zoneOfPlace } from '~/lib/time';
import { can } from '~/lib/policy';
import { writeAudit } from '~/lib/server/audit';
import { getDb } from '~/lib/server/db';
import { renderErrorPage } from '~/lib/server/error-page';
import { config } from '~/lib/server/config';
import { type MessageKey, t } from '~/i18n';

/**
 * Registrations and attendance of one event (walk-ins included), for a spreadsheet; people who
 * opposed (ARCO) appear without their data.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!can(locals.user, 'events.manage')) return renderErrorPage(403, 'forbidden');
  const id = parseId(params.id);
  if (id === null) return new Response('No encontrado', { status: 404 });
  const db = await getDb();
  const event = await getStaffEvent(db, id);
  if (!event) return new Response('No encontrado', { status: 404 });
  const [regs, walkIns] = await Promise.all([listRegistrationsForExport(db, id), listWalkIns(db, id)]);
  const zone = zoneOfPlace(event.municipalityId, config().timeZone);
  const when = (d: Date | null) => (d ? formatInstant(d, 'dateTimeShort', zone, 'es') : '');
  const rows: (string | number)[][] = [
    [
      'Tipo',
      'Nombre',
      'Institución',
      'Correo',
      'Teléfono',
      'Municipio',
      'Personas',
      'Estado',
      'Cómo se enteró',
      'Accesibilidad',
      'Registro',
      'Asistió',
      'Asistentes',
    ],
    ...regs.map((r) => [
      r.isGroup ? 'Grupo' : 'Individual',
      r.name,
      r.institutionName,
      r.email,
      r.phone,
      r.municipality,
      r.groupSize,
      REGISTRATION_STATUS_LABELS[r.status].es,
      t('es', `events.heard.${r.heardFrom}` as MessageKey),
      r.accessibilityNeeds,
      when(r.createdAt),
      when(r.attendedAt),
      r.attendedCount ?? 0,
    ]),
    ...walkIns.map((w) => [
      'Sin registro previo',
      w.walkInName,
      '',
      '',
      '',
      '',
      w.count,
      'Asistió',
      '',
      '',
      '',
      when(w.tappedAt),
      w.count,
    ]),
  ];
  await writeAudit(db, {
    actorUserId: locals.user!.id,
    action: 'event.export',
    entity: 'event',
    entityId: id,
    ip: locals.ip,
  });
  return new Response(toCsv(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="registros-${event.slug}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
