import type { StaffContext } from '~/lib/server/context';
import { writeAudit } from '~/lib/server/audit';
import { getSettings } from '~/lib/server/settings';
import { lockRequestForScheduling } from '~/features/requests';
import { linkScheduledRequestTx } from './request-link.server';
import {
  type Actor,
  type WriteResult,
  insertActivityTx,
  isPlanner,
  refuse,
  resolveTimes,
  runWrite,
} from './scheduling.server';
import type { ScheduleRequestInput } from './schemas';

/**
 * Scheduling a workshop request, all in one transaction: the activity and its assignments
 * (double booking refused by the database), the request moved to 'scheduled' with history,
 * its scheduled* columns, and the requester's e-mail with an .ics. Supervisors and admins only.
 */
export async function scheduleRequest(
  ctx: StaffContext<Actor>,
  input: ScheduleRequestInput,
): Promise<WriteResult<{ id: number }>> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const mail = await ctx.mail();
  const zone = ctx.zone;
  if (!isPlanner(actor))
    return { ok: false, errors: {}, formError: 'Solo supervisión programa solicitudes.' };
  const times = resolveTimes(input, zone);
  if ('ok' in times) return times;
  const settings = await getSettings(db);
  return runWrite(
    db,
    () => ({ operatorIds: input.operatorIds, ...times }),
    zone,
    async (tx) => {
      const request = await lockRequestForScheduling(tx, input.requestId);
      if (!request.ok && request.reason === 'missing')
        throw refuse('Esa solicitud no existe.', {}, { notFound: true });
      if (!request.ok)
        throw refuse('Esta solicitud ya no se puede programar: alguien cambió su estado. Recarga la página.');
      const { row, people, warnings } = await insertActivityTx(
        tx,
        actor,
        settings,
        zone,
        { ...input, type: 'workshop' },
        times,
        meta,
        request.id,
      );
      await linkScheduledRequestTx(
        tx,
        request,
        row,
        people.find((p) => p.id === input.operatorIds[0])?.name ?? people[0]!.name,
        actor.id,
        mail,
      );
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'request.schedule',
        entity: 'workshop_request',
        entityId: request.id,
        ip: meta.ip,
        details: { activityId: row.id },
      });
      return { data: { id: row.id }, warnings };
    },
  );
}
