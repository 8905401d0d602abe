import type { StaffContext } from '~/lib/server/context';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { cancelSeriesForTarget, generateSeriesForTarget, moveSeriesForTarget } from '~/features/content';
import { config } from '~/lib/server/config';
import type { Executor } from '~db/client';
import { eventCheckins, eventImages, eventRegistrations, events, municipalities } from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import type { SessionUser } from '~/lib/server/auth/session';
import { sendMail } from '~/lib/server/mail/outbox';
import { suppressedPeople } from '~/lib/server/mail/suppressions';
import { mintManageToken } from './links.server';
import { type EventsMailContext, eventMail } from './mail';
import { confirmedSeats, lockEvent, promoteWaiting } from './registration.server';
import type { EventFormInput } from './schemas';
import { canTransitionEvent, canTransitionRegistration } from './status';
import { toInstant, zoneOfPlace } from '~/lib/time';

export interface StaffMeta {
  ip: string | null;
}

/** "Feria de Prevención en Juárez" → "feria-de-prevencion-en-juarez". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** The form's local times are read in the event's own zone (its municipality's), as pages show them. */
function toRow(input: EventFormInput, orgZone: string) {
  const zone = zoneOfPlace(input.municipalityId, orgZone);
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    titleEn: input.titleEn ?? '',
    summaryEn: input.summaryEn ?? '',
    descriptionEn: input.descriptionEn ?? '',
    place: input.place,
    address: input.address,
    municipalityId: input.municipalityId,
    startsAt: toInstant(input.startsAt, zone),
    endsAt: toInstant(input.endsAt, zone),
    capacity: input.capacity,
    hours: input.hours ?? null,
    waitlistEnabled: input.waitlistEnabled,
    registrationOpensAt: toInstant(input.registrationOpensAt, zone),
    registrationClosesAt: toInstant(input.registrationClosesAt, zone),
    coverAlt: input.coverAlt,
  };
}

/** After a change of date, time or place of a published event: whether its registrants were told, and how many. */
export interface EventNotice {
  notified: boolean;
  registrations: number;
}

export type SaveEventResult =
  | { ok: true; id: number; promoted?: number[]; told?: EventNotice | null }
  | { ok: false; errors: Record<string, string> };

async function slugTaken(db: Executor, slug: string, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: events.id })
    .from(events)
    .where(exceptId ? and(eq(events.slug, slug), ne(events.id, exceptId)) : eq(events.slug, slug));
  return rows.length > 0;
}

/**
 * A cover for a save: an image already stored (its id), or a function that stores the checked
 * upload. The function runs inside the save's transaction, after the checks that can refuse
 * it, so a refused or failed save leaves no orphan event_images row (issue 12 #8).
 */
export type CoverInput = number | null | ((tx: Executor) => Promise<number | null>);

async function resolveCover(tx: Executor, cover: CoverInput): Promise<number | null> {
  return typeof cover === 'function' ? cover(tx) : cover;
}

/** A new event, as a draft. The slug comes from the title when left blank (and gets a number if taken). */
export async function createEvent(
  ctx: StaffContext<SessionUser>,
  input: EventFormInput,
  cover: CoverInput,
): Promise<SaveEventResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const timeZone = ctx.zone;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    let slug = input.slug || slugify(input.title);
    if (!slug) return { ok: false, errors: { slug: 'Escribe una dirección para el evento.' } } as const;
    if (input.slug && (await slugTaken(tx, slug)))
      return { ok: false, errors: { slug: 'Ya hay un evento con esa dirección.' } } as const;
    for (let i = 2; !input.slug && (await slugTaken(tx, slug)); i++) slug = `${slugify(input.title)}-${i}`;
    const coverImageId = await resolveCover(tx, cover);
    const [row] = await tx
      .insert(events)
      .values({ ...toRow(input, timeZone), slug, status: 'draft', coverImageId, createdBy: actor.id })
      .returning({ id: events.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'event.create',
      entity: 'event',
      entityId: row!.id,
      ip: meta.ip,
    });
    return { ok: true, id: row!.id } as const;
  });
}

/**
 * Edits an event under its lock. The capacity may not drop below the seats already confirmed
 * (people were promised them); raising it promotes from the waiting list at once.
 */
export async function updateEvent(
  ctx: StaffContext<SessionUser>,
  id: number,
  input: EventFormInput,
  cover: CoverInput,
  mailCtx: EventsMailContext,
): Promise<SaveEventResult | { ok: false; notFound: true }> {
  const db = ctx.db;
  const actor = ctx.user;
  const timeZone = ctx.zone;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, { id });
    if (!event) return { ok: false, notFound: true } as const;
    if (event.status === 'cancelled')
      return { ok: false, errors: { _form: 'El evento está cancelado: ya no se puede editar.' } } as const;
    const slug = input.slug || event.slug;
    if (slug !== event.slug && (await slugTaken(tx, slug, id)))
      return { ok: false, errors: { slug: 'Ya hay un evento con esa dirección.' } } as const;
    const taken = await confirmedSeats(tx, id);
    if (input.capacity < taken) {
      return {
        ok: false,
        errors: {
          capacity: `Ya hay ${taken} lugares confirmados: el cupo no puede ser menor. Mueve personas a la lista de espera primero.`,
        },
      } as const;
    }
    const coverImageId = await resolveCover(tx, cover);
    const [updated] = await tx
      .update(events)
      .set({
        ...toRow(input, timeZone),
        slug,
        ...(coverImageId !== null ? { coverImageId } : {}),
        sequence: sql`${events.sequence} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(events.id, id))
      .returning();
    // A replaced cover is deleted: its bytes would otherwise sit in the database for nothing.
    if (coverImageId !== null && event.coverImageId !== null && event.coverImageId !== coverImageId) {
      await tx.delete(eventImages).where(eq(eventImages.id, event.coverImageId));
    }
    const promoted = input.capacity > event.capacity ? await promoteWaiting(tx, updated!, mailCtx) : [];
    // Its promotion posts follow the new date, except those edited by hand.
    if (updated!.startsAt.getTime() !== event.startsAt.getTime() || updated!.title !== event.title) {
      await moveSeriesForTarget(
        tx,
        { kind: 'event', id, newStart: updated!.startsAt, newTitle: updated!.title },
        { actorUserId: actor.id },
      );
    }
    // People holding a seat or waiting for one hear about a new date, time or place, with a new .ics.
    const moved =
      updated!.startsAt.getTime() !== event.startsAt.getTime() ||
      updated!.endsAt.getTime() !== event.endsAt.getTime() ||
      updated!.place !== event.place ||
      updated!.address !== event.address;
    // Registrants are outside parties: the form asks first ("Avisar a las personas registradas",
    // ticked by default); callers that do not show the box tell them, as before.
    let told: EventNotice | null = null;
    if (moved && event.status === 'published') {
      const regs = await tx
        .select()
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, id), ne(eventRegistrations.status, 'cancelled')));
      const notify = input.notifyShown === undefined || input.notify === 'on' || input.notify === 'true';
      told = { notified: notify && regs.length > 0, registrations: regs.length };
      for (const reg of notify ? regs : []) {
        const token = await mintManageToken(tx, reg.id);
        await sendMail(
          tx,
          eventMail('updated', mailCtx, updated!, reg, {
            token,
            idempotencyKey: `event-updated:${id}:${reg.id}:${updated!.updatedAt.getTime()}`,
          }),
        );
      }
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'event.update',
      entity: 'event',
      entityId: id,
      ip: meta.ip,
      details: {
        capacity: input.capacity,
        promoted: promoted.length,
        ...(told ? { registrantsNotified: told.notified ? told.registrations : 0 } : {}),
      },
    });
    return { ok: true, id, promoted, ...(told ? { told } : {}) } as const;
  });
}

export async function publishEvent(
  ctx: StaffContext<SessionUser>,
  id: number,
): Promise<{ ok: boolean; error?: string }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, { id });
    if (!event) return { ok: false, error: 'Ese evento no existe.' };
    if (!canTransitionEvent(event.status, 'published'))
      return { ok: false, error: 'Este evento ya no se puede publicar.' };
    await tx
      .update(events)
      .set({
        status: 'published',
        publishedAt: new Date(),
        sequence: sql`${events.sequence} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(events.id, id));
    // The communications plan gets its announce / reminder / recap posts, assigned to whoever
    // published (idempotent: publishing again never doubles them).
    await generateSeriesForTarget(
      tx,
      { kind: 'event', id, title: event.title, start: event.startsAt, end: event.endsAt },
      {
        timeZone: config().timeZone,
        assigneeId: actor.role === 'operator' ? null : actor.id,
        createdById: actor.id,
      },
    );
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'event.publish',
      entity: 'event',
      entityId: id,
      ip: meta.ip,
    });
    return { ok: true };
  });
}

/** Cancels the event and e-mails everyone still registered (confirmed or waiting), once each. */
export async function cancelEvent(
  ctx: StaffContext<SessionUser>,
  id: number,
  reason: string,
  mailCtx: EventsMailContext,
): Promise<{ ok: boolean; error?: string; notified?: number }> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, { id });
    if (!event) return { ok: false, error: 'Ese evento no existe.' };
    if (!canTransitionEvent(event.status, 'cancelled'))
      return { ok: false, error: 'El evento ya estaba cancelado.' };
    const now = new Date();
    const [cancelled] = await tx
      .update(events)
      .set({
        status: 'cancelled',
        cancelReason: reason,
        cancelledAt: now,
        sequence: sql`${events.sequence} + 1`,
        updatedAt: now,
      })
      .where(eq(events.id, id))
      .returning();
    await cancelSeriesForTarget(tx, { kind: 'event', id }, { actorUserId: actor.id });
    const regs = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, id), ne(eventRegistrations.status, 'cancelled')));
    for (const reg of regs) {
      await sendMail(
        tx,
        eventMail('eventCancelled', mailCtx, cancelled!, reg, {
          idempotencyKey: `event-cancelled:${id}:${reg.id}`,
        }),
      );
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: 'event.cancel',
      entity: 'event',
      entityId: id,
      ip: meta.ip,
      details: { notified: regs.length },
    });
    return { ok: true, notified: regs.length };
  });
}

export type MoveResult = { ok: true } | { ok: false; error: string };

/**
 * Staff move a person between confirmed and the waiting list. Confirming still respects the
 * capacity (raise the capacity to make room). Moving to the list puts them at its end and does
 * not promote anyone by itself: staff usually free a seat for someone in particular.
 */
export async function moveRegistration(
  ctx: StaffContext<SessionUser>,
  registrationId: number,
  to: 'confirmed' | 'waiting',
  mailCtx: EventsMailContext,
): Promise<MoveResult> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  const [found] = await db
    .select({ eventId: eventRegistrations.eventId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, registrationId));
  if (!found) return { ok: false, error: 'Ese registro no existe.' };
  return db.transaction(async (tx) => {
    const event = (await lockEvent(tx, { id: found.eventId }))!;
    if (event.status !== 'published')
      return { ok: false, error: 'Solo se mueven registros de eventos publicados.' } as const;
    const [reg] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId));
    if (!reg || !canTransitionRegistration(reg.status, to, 'staff'))
      return { ok: false, error: 'Ese cambio no es posible para este registro.' } as const;
    const now = new Date();
    if (to === 'confirmed') {
      const free = event.capacity - (await confirmedSeats(tx, event.id));
      if (reg.groupSize > free) {
        return {
          ok: false,
          error: `No hay lugar: quedan ${Math.max(0, free)} y el registro es de ${reg.groupSize}. Aumenta el cupo o mueve a alguien a la lista de espera.`,
        } as const;
      }
      await tx
        .update(eventRegistrations)
        .set({ status: 'confirmed', confirmedAt: now, updatedAt: now })
        .where(eq(eventRegistrations.id, reg.id));
      const token = await mintManageToken(tx, reg.id);
      await sendMail(
        tx,
        eventMail('promoted', mailCtx, event, reg, {
          token,
          idempotencyKey: `event-promoted:${reg.id}:${reg.waitingSince?.getTime() ?? 0}`,
        }),
      );
    } else {
      await tx
        .update(eventRegistrations)
        .set({ status: 'waiting', waitingSince: now, updatedAt: now })
        .where(eq(eventRegistrations.id, reg.id));
      const token = await mintManageToken(tx, reg.id);
      await sendMail(
        tx,
        eventMail('movedWaiting', mailCtx, event, reg, {
          token,
          idempotencyKey: `event-moved-waiting:${reg.id}:${now.getTime()}`,
        }),
      );
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: `event.registration.${to}`,
      entity: 'event_registration',
      entityId: reg.id,
      ip: meta.ip,
    });
    return { ok: true } as const;
  });
}

/** Every event for the staff list, newest first, with seat counts. */
export async function listStaffEvents(db: Executor) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      status: events.status,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      place: events.place,
      municipalityId: events.municipalityId,
      municipality: municipalities.name,
      capacity: events.capacity,
      taken: sql<number>`(select coalesce(sum(r.group_size), 0)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'confirmed')`,
      waiting: sql<number>`(select count(*)::int from ${eventRegistrations} r where r.event_id = ${events.id} and r.status = 'waiting')`,
    })
    .from(events)
    .innerJoin(municipalities, eq(municipalities.id, events.municipalityId))
    .orderBy(desc(events.startsAt));
}

export async function getStaffEvent(db: Executor, id: number) {
  const [row] = await db.select().from(events).where(eq(events.id, id));
  return row ?? null;
}

/** Registrations of one event: confirmed first, then the waiting list in its order, then cancelled. */
/** People let in at the door without a registration, in the order they arrived. */
export async function listWalkIns(db: Executor, eventId: number) {
  return db
    .select()
    .from(eventCheckins)
    .where(and(eq(eventCheckins.eventId, eventId), eq(eventCheckins.kind, 'walk_in')))
    .orderBy(asc(eventCheckins.tappedAt));
}

export async function listRegistrations(db: Executor, eventId: number) {
  return db
    .select({
      id: eventRegistrations.id,
      status: eventRegistrations.status,
      name: eventRegistrations.name,
      email: eventRegistrations.email,
      phone: eventRegistrations.phone,
      municipality: municipalities.name,
      heardFrom: eventRegistrations.heardFrom,
      isGroup: eventRegistrations.isGroup,
      institutionName: eventRegistrations.institutionName,
      groupSize: eventRegistrations.groupSize,
      accessibilityNeeds: eventRegistrations.accessibilityNeeds,
      createdAt: eventRegistrations.createdAt,
      waitingSince: eventRegistrations.waitingSince,
      attendedAt: eventRegistrations.attendedAt,
      attendedCount: eventRegistrations.attendedCount,
    })
    .from(eventRegistrations)
    .innerJoin(municipalities, eq(municipalities.id, eventRegistrations.municipalityId))
    .where(eq(eventRegistrations.eventId, eventId))
    .orderBy(
      sql`case ${eventRegistrations.status} when 'confirmed' then 0 when 'waiting' then 1 else 2 end`,
      asc(eventRegistrations.waitingSince),
      asc(eventRegistrations.createdAt),
      asc(eventRegistrations.id),
    );
}

/** What an export shows instead of the name of a person who opposed (ARCO). */
export const OPPOSED_NAME = 'Datos reservados (oposición ARCO)';

/**
 * The registrations for a spreadsheet. A person who opposed the use of their data or revoked
 * consent (ARCO) keeps their row, so counts and attendance add up, without name, institution,
 * contact or accessibility notes.
 */
export async function listRegistrationsForExport(db: Executor, eventId: number) {
  const regs = await listRegistrations(db, eventId);
  const opposed = await suppressedPeople(db, regs);
  return regs.map((r, i) =>
    opposed.has(i)
      ? { ...r, name: OPPOSED_NAME, institutionName: '', email: '', phone: '', accessibilityNeeds: '' }
      : r,
  );
}
