import type { StaffContext } from '~/lib/server/context';
import { type SQL, and, asc, eq, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  type Role,
  dirContacts,
  dirLocations,
  dirOrganizations,
  dirPhones,
  dirServiceAtLocation,
  dirServices,
  municipalities,
} from '~db/schema';
import { writeAudit } from '~/lib/server/audit';
import { STALE_AFTER_MONTHS, subtractMonths } from './labels';
import type { OrganizationInput, ServiceInput } from './schemas';
import { rolesWith } from '~/lib/policy';

export interface Actor {
  id: number;
  role: Role;
}
export interface Meta {
  ip: string | null;
}
/** Operators maintain the directory with supervisors and admins (DESIGN: who does what). */
export const DIRECTORY_ROLES: readonly Role[] = rolesWith('directory.edit');
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface ServiceFilter {
  q?: string;
  category?: string;
  staleOnly?: boolean;
  includeInactive?: boolean;
}

/** Services with their organisation, for the directory list and the referral picker. */
export async function listServices(db: Executor, today: string, f: ServiceFilter = {}) {
  const conds: SQL[] = [];
  if (!f.includeInactive) conds.push(eq(dirServices.status, 'active'));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conds.push(
      or(
        ilike(dirServices.name, like),
        ilike(dirOrganizations.name, like),
        ilike(dirServices.description, like),
      )!,
    );
  }
  if (f.category) conds.push(sql`${f.category} = any(${dirServices.categories})`);
  const staleBefore = subtractMonths(today, STALE_AFTER_MONTHS);
  if (f.staleOnly)
    conds.push(or(isNull(dirServices.lastVerifiedOn), lt(dirServices.lastVerifiedOn, staleBefore))!);
  return db
    .select({
      id: dirServices.id,
      name: dirServices.name,
      status: dirServices.status,
      categories: dirServices.categories,
      hours: dirServices.hours,
      lastVerifiedOn: dirServices.lastVerifiedOn,
      organizationId: dirOrganizations.id,
      organizationName: dirOrganizations.name,
      stale: sql<boolean>`(${dirServices.lastVerifiedOn} is null or ${dirServices.lastVerifiedOn} < ${staleBefore})`,
      phones: sql<
        string[]
      >`coalesce((select array_agg(${dirPhones.number} order by ${dirPhones.id}) from ${dirPhones}
        where ${dirPhones.organizationId} = ${dirOrganizations.id} and (${dirPhones.serviceId} = ${dirServices.id} or ${dirPhones.serviceId} is null)), '{}')`,
      municipalities: sql<
        string | null
      >`(select string_agg(distinct ${municipalities.name}, ', ') from ${dirServiceAtLocation}
        join ${dirLocations} on ${dirLocations.id} = ${dirServiceAtLocation.locationId}
        join ${municipalities} on ${municipalities.id} = ${dirLocations.municipalityId}
        where ${dirServiceAtLocation.serviceId} = ${dirServices.id})`,
    })
    .from(dirServices)
    .innerJoin(dirOrganizations, eq(dirOrganizations.id, dirServices.organizationId))
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(dirOrganizations.name), asc(dirServices.name));
}

/** One organisation with everything hanging from it, or null. */
export async function getOrganization(db: Executor, id: number) {
  const [org] = await db.select().from(dirOrganizations).where(eq(dirOrganizations.id, id));
  if (!org) return null;
  const [services, locations, phones, people, links] = await Promise.all([
    db.select().from(dirServices).where(eq(dirServices.organizationId, id)).orderBy(asc(dirServices.name)),
    db
      .select({
        id: dirLocations.id,
        name: dirLocations.name,
        address1: dirLocations.address1,
        city: dirLocations.city,
        postalCode: dirLocations.postalCode,
        municipalityId: dirLocations.municipalityId,
        municipality: municipalities.name,
      })
      .from(dirLocations)
      .leftJoin(municipalities, eq(municipalities.id, dirLocations.municipalityId))
      .where(eq(dirLocations.organizationId, id))
      .orderBy(asc(dirLocations.name)),
    db.select().from(dirPhones).where(eq(dirPhones.organizationId, id)).orderBy(asc(dirPhones.id)),
    db.select().from(dirContacts).where(eq(dirContacts.organizationId, id)).orderBy(asc(dirContacts.name)),
    db
      .select({ serviceId: dirServiceAtLocation.serviceId, locationId: dirServiceAtLocation.locationId })
      .from(dirServiceAtLocation)
      .innerJoin(dirLocations, eq(dirLocations.id, dirServiceAtLocation.locationId))
      .where(eq(dirLocations.organizationId, id)),
  ]);
  return { org, services, locations, phones, people, links };
}

export async function listOrganizations(db: Executor) {
  return db
    .select({ id: dirOrganizations.id, name: dirOrganizations.name })
    .from(dirOrganizations)
    .orderBy(asc(dirOrganizations.name));
}

type Result = { ok: true; id: number } | { ok: false; errors: Record<string, string> };

export async function saveOrganization(ctx: StaffContext<Actor>, input: OrganizationInput): Promise<Result> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const values = {
      name: input.name,
      description: input.description,
      email: input.email,
      website: input.website,
      updatedAt: new Date(),
    };
    let id = input.id;
    if (id) {
      const [row] = await tx
        .update(dirOrganizations)
        .set(values)
        .where(eq(dirOrganizations.id, id))
        .returning({ id: dirOrganizations.id });
      if (!row) return { ok: false as const, errors: { _form: 'Esa organización ya no existe.' } };
    } else {
      id = (await tx.insert(dirOrganizations).values(values).returning({ id: dirOrganizations.id }))[0]!.id;
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: input.id ? 'directory.org.update' : 'directory.org.create',
      entity: 'dir_organization',
      entityId: id,
      ip: meta.ip,
    });
    return { ok: true as const, id };
  });
}

/**
 * Creates or edits a service, with the sites where it is offered (which must belong to the same
 * organisation). Saving counts as verifying: whoever edits has just checked the data.
 */
export async function saveService(
  ctx: StaffContext<Actor>,
  input: ServiceInput,
  today: string,
): Promise<Result> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const locs = input.locationIds.length
      ? await tx
          .select({ id: dirLocations.id })
          .from(dirLocations)
          .where(
            and(
              inArray(dirLocations.id, input.locationIds),
              eq(dirLocations.organizationId, input.organizationId),
            ),
          )
      : [];
    if (locs.length !== new Set(input.locationIds).size)
      return { ok: false as const, errors: { locationIds: 'Elige sedes de esta misma organización.' } };
    const values = {
      organizationId: input.organizationId,
      name: input.name,
      status: input.status,
      description: input.description,
      eligibility: input.eligibility,
      fees: input.fees,
      applicationProcess: input.applicationProcess,
      hours: input.hours,
      email: input.email,
      url: input.url,
      categories: [...new Set(input.categories)],
      lastVerifiedOn: today,
      verifiedById: actor.id,
      updatedAt: new Date(),
    };
    let id = input.id;
    if (id) {
      const [row] = await tx
        .update(dirServices)
        .set(values)
        .where(and(eq(dirServices.id, id), eq(dirServices.organizationId, input.organizationId)))
        .returning({ id: dirServices.id });
      if (!row) return { ok: false as const, errors: { _form: 'Ese servicio ya no existe.' } };
      await tx.delete(dirServiceAtLocation).where(eq(dirServiceAtLocation.serviceId, id));
    } else {
      id = (await tx.insert(dirServices).values(values).returning({ id: dirServices.id }))[0]!.id;
    }
    if (locs.length)
      await tx.insert(dirServiceAtLocation).values(locs.map((l) => ({ serviceId: id!, locationId: l.id })));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: input.id ? 'directory.service.update' : 'directory.service.create',
      entity: 'dir_service',
      entityId: id,
      ip: meta.ip,
    });
    return { ok: true as const, id };
  });
}

/** Records that someone confirmed the service's data today (phone call, visit…). */
export async function verifyService(
  ctx: StaffContext<Actor>,
  serviceId: number,
  today: string,
): Promise<boolean> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(dirServices)
      .set({ lastVerifiedOn: today, verifiedById: actor.id })
      .where(eq(dirServices.id, serviceId))
      .returning({ id: dirServices.id });
    if (row)
      await writeAudit(tx, {
        actorUserId: actor.id,
        action: 'directory.service.verify',
        entity: 'dir_service',
        entityId: serviceId,
        ip: meta.ip,
      });
    return !!row;
  });
}

/** Adds a location, phone or contact person to an organisation (the service, if given, must be its own). */
export async function addToOrganization(
  ctx: StaffContext<Actor>,
  kind: 'location' | 'phone' | 'contact',
  values: Record<string, unknown> & { organizationId: number; serviceId?: number | undefined },
): Promise<Result> {
  const db = ctx.db;
  const actor = ctx.user;
  const meta = { ip: ctx.ip };
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ id: dirOrganizations.id })
      .from(dirOrganizations)
      .where(eq(dirOrganizations.id, values.organizationId));
    if (!org) return { ok: false as const, errors: { _form: 'Esa organización ya no existe.' } };
    if (values.serviceId) {
      const [svc] = await tx
        .select({ id: dirServices.id })
        .from(dirServices)
        .where(and(eq(dirServices.id, values.serviceId), eq(dirServices.organizationId, org.id)));
      if (!svc)
        return { ok: false as const, errors: { serviceId: 'Elige un servicio de esta organización.' } };
    }
    const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
    const serviceId = values.serviceId ?? null;
    const [row] =
      kind === 'location'
        ? await tx
            .insert(dirLocations)
            .values({
              organizationId: org.id,
              name: str('name'),
              address1: str('address1'),
              city: str('city'),
              municipalityId: str('municipalityId') || null,
              postalCode: str('postalCode'),
            })
            .returning({ id: dirLocations.id })
        : kind === 'phone'
          ? await tx
              .insert(dirPhones)
              .values({
                organizationId: org.id,
                serviceId,
                number: str('number'),
                type: str('type') || 'voice',
                description: str('description'),
              })
              .returning({ id: dirPhones.id })
          : await tx
              .insert(dirContacts)
              .values({
                organizationId: org.id,
                serviceId,
                name: str('name'),
                title: str('title'),
                email: str('email'),
                phone: str('phone'),
              })
              .returning({ id: dirContacts.id });
    await tx.update(dirOrganizations).set({ updatedAt: new Date() }).where(eq(dirOrganizations.id, org.id));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: `directory.${kind}.create`,
      entity: 'dir_organization',
      entityId: org.id,
      ip: meta.ip,
    });
    return { ok: true as const, id: row!.id };
  });
}
