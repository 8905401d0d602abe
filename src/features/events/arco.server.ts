import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { eventRegistrationLinks, eventRegistrations, events } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { formatPhone } from '~/lib/phone';
import { formatInstant } from '~/lib/time';
import { REGISTRATION_STATUS_LABELS } from './status';

/**
 * What the events feature gives the ARCO workflow (features/arco): the registrations a person
 * has, their correction, and their anonymisation.
 */

export interface HeldRegistration {
  kind: 'registration';
  /** The registration id, as text (what rectification names). */
  ref: string;
  title: string;
  fields: Array<[label: string, value: string]>;
  /** A live registration for an event still to come: cancellation waits for it. */
  active: boolean;
}

const ANON = '[Anonimizado por solicitud ARCO]';

export async function findRegistrationsHeldFor(
  db: Executor,
  terms: { email?: string; phone?: string },
  zone: string,
  now: Date,
): Promise<HeldRegistration[]> {
  const conds = [];
  if (terms.email) conds.push(eq(eventRegistrations.email, terms.email));
  if (terms.phone) conds.push(eq(eventRegistrations.phone, terms.phone));
  if (conds.length === 0) return [];
  const rows = await db
    .select({ r: eventRegistrations, title: events.title, startsAt: events.startsAt })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(or(...conds))
    .orderBy(events.startsAt)
    .limit(200);
  return rows.map(({ r, title, startsAt }) => ({
    kind: 'registration' as const,
    ref: String(r.id),
    title: `Registro a «${title}» (${formatInstant(startsAt, 'date', zone)})`,
    active: r.status !== 'cancelled' && startsAt > now,
    fields: [
      ['Nombre', r.name],
      ['Correo', r.email],
      ['Teléfono', formatPhone(r.phone) || '—'],
      ['Grupo', r.isGroup ? `${r.institutionName}, ${r.groupSize} personas` : 'No'],
      ['Necesidades de accesibilidad', r.accessibilityNeeds || '—'],
      ['Estado', REGISTRATION_STATUS_LABELS[r.status].es],
      ['Asistencia', r.attendedAt ? formatInstant(r.attendedAt, 'timestamp', zone) : '—'],
      ['Consentimiento', formatInstant(r.consentedAt, 'timestamp', zone)],
    ],
  }));
}

/** Corrects a registration's name, e-mail or phone (rectificación); audited without the values. */
export async function rectifyRegistrationContact(
  tx: Executor,
  registrationId: number,
  change: { name?: string; email?: string; phone?: string },
  actor: { userId: number; ip: string | null; arcoFolio: string },
): Promise<boolean> {
  const set = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined && v !== ''));
  if (Object.keys(set).length === 0) return false;
  const [row] = await tx
    .update(eventRegistrations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(eventRegistrations.id, registrationId))
    .returning({ id: eventRegistrations.id });
  if (!row) return false;
  await writeAudit(tx, {
    actorUserId: actor.userId,
    action: 'registration.rectify',
    entity: 'event_registration',
    entityId: row.id,
    ip: actor.ip,
    details: { fields: Object.keys(set), arco: actor.arcoFolio },
  });
  return true;
}

/**
 * Cancellation: past or cancelled registrations lose the person's data (the count and the
 * attendance stay for the event's figures) and their manage links. Live ones for events still
 * to come are left for the answer to explain. Returns the ids anonymised.
 */
export async function anonymizeRegistrations(
  tx: Executor,
  ids: readonly number[],
  actor: { userId: number; ip: string | null; arcoFolio: string },
  now: Date,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const eligible = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        inArray(eventRegistrations.id, [...ids]),
        or(
          eq(eventRegistrations.status, 'cancelled'),
          sql`${events.startsAt} <= ${now.toISOString()}::timestamptz`,
        ),
      ),
    );
  const done: number[] = [];
  for (const { id } of eligible) {
    await tx
      .update(eventRegistrations)
      .set({
        name: ANON,
        // Unique per event among live registrations: a fixed, undeliverable address per row.
        email: `anonimizado-${id}@anonimizado.invalid`,
        phone: '',
        accessibilityNeeds: '',
        updatedAt: now,
      })
      .where(eq(eventRegistrations.id, id));
    await tx.delete(eventRegistrationLinks).where(eq(eventRegistrationLinks.registrationId, id));
    await writeAudit(tx, {
      actorUserId: actor.userId,
      action: 'registration.anonymize',
      entity: 'event_registration',
      entityId: id,
      ip: actor.ip,
      details: { arco: actor.arcoFolio },
    });
    done.push(id);
  }
  return done;
}
