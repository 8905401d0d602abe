import type { StaffContext } from '~/lib/server/context';
import { type SQL, and, asc, eq, ilike, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
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
import { sortByName } from '~/lib/sort';

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
        where ${dirPhones.organizationId} = ${dirOrganizations.id} and ${dirPhones.retiredAt} is null and (${dirPhones.serviceId} = ${dirServices.id} or ${dirPhones.serviceId} is null)), '{}')`,
      municipalities: sql<
        string | null
      >`(select string_agg(distinct ${municipalities.name}, ', ') from ${dirServiceAtLocation}
        join ${dirLocations} on ${dirLocations.id} = ${dirServiceAtLocation.locationId}
        join ${municipalities} on ${municipalities.id} = ${dirLocations.municipalityId}
        where ${dirServiceAtLocation.serviceId} = ${dirServices.id} and ${dirLocations.retiredAt} is null)`,
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
      .where(and(eq(dirLocations.organizationId, id), isNull(dirLocations.retiredAt)))
      .orderBy(asc(dirLocations.name)),
    db
      .select()
      .from(dirPhones)
      .where(and(eq(dirPhones.organizationId, id), isNull(dirPhones.retiredAt)))
      .orderBy(asc(dirPhones.id)),
    db
      .select()
      .from(dirContacts)
      .where(and(eq(dirContacts.organizationId, id), isNull(dirContacts.retiredAt)))
      .orderBy(asc(dirContacts.name)),
    db
      .select({ serviceId: dirServiceAtLocation.serviceId, locationId: dirServiceAtLocation.locationId })
      .from(dirServiceAtLocation)
      .innerJoin(dirLocations, eq(dirLocations.id, dirServiceAtLocation.locationId))
      .where(and(eq(dirLocations.organizationId, id), isNull(dirLocations.retiredAt))),
  ]);
  return {
    org,
    services,
    locations: sortByName(locations, (l) => l.name),
    phones,
    people: sortByName(people, (p) => p.name),
    links,
  };
}

export async function listOrganizations(db: Executor) {
  const rows = await db
    .select({ id: dirOrganizations.id, name: dirOrganizations.name })
    .from(dirOrganizations);
  return sortByName(rows, (o) => o.name);
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
 * organisation). Saving is not verifying: "verificado hoy" (`verifyService`) is its own, explicit act.
 */
export async function saveService(ctx: StaffContext<Actor>, input: ServiceInput): Promise<Result> {
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
      // Only the links that went away are removed, so a kept link keeps its HSDS id.
      await tx.delete(dirServiceAtLocation).where(
        and(
          eq(dirServiceAtLocation.serviceId, id),
          locs.length
            ? notInArray(
                dirServiceAtLocation.locationId,
                locs.map((l) => l.id),
              )
            : undefined,
        ),
      );
    } else {
      id = (await tx.insert(dirServices).values(values).returning({ id: dirServices.id }))[0]!.id;
    }
    if (locs.length)
      await tx
        .insert(dirServiceAtLocation)
        .values(locs.map((l) => ({ serviceId: id!, locationId: l.id })))
        .onConflictDoNothing();
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
    const serviceId = values.serviceId ?? null;
    const table = ITEM_TABLES[kind];
    const columns = itemColumns(kind, values, serviceId);
    const [row] = await tx
      .insert(table)
      .values({ organizationId: org.id, ...columns } as typeof table.$inferInsert)
      .returning({ id: table.id });
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

export type ItemKind = 'location' | 'phone' | 'contact';
const ITEM_TABLES = { location: dirLocations, phone: dirPhones, contact: dirContacts } as const;

/** The columns of an item as its form posts them (shared by add and edit). */
function itemColumns(kind: ItemKind, values: Record<string, unknown>, serviceId: number | null) {
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  if (kind === 'location')
    return {
      name: str('name'),
      address1: str('address1'),
      city: str('city'),
      municipalityId: str('municipalityId') || null,
      postalCode: str('postalCode'),
    };
  if (kind === 'phone')
    return {
      serviceId,
      number: str('number'),
      type: str('type') || 'voice',
      description: str('description'),
    };
  return { serviceId, name: str('name'), title: str('title'), email: str('email'), phone: str('phone') };
}

/**
 * Edits a location, phone or contact person of an organisation, or retires it (`retire`): a retired
 * item stays in the database for the history of referrals but leaves the directory and the export.
 * The item must belong to `organizationId`, and a service named must be that organisation's too.
 */
export async function changeOrganizationItem(
  ctx: StaffContext<Actor>,
  kind: ItemKind,
  id: number,
  change:
    | { retire: true; organizationId: number }
    | {
        retire?: false;
        organizationId: number;
        serviceId?: number | undefined;
        values: Record<string, unknown>;
      },
): Promise<Result> {
  const { db, user: actor } = ctx;
  const meta = { ip: ctx.ip };
  const table = ITEM_TABLES[kind];
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.id, id), eq(table.organizationId, change.organizationId), isNull(table.retiredAt)))
      .for('update');
    if (!item) return { ok: false as const, errors: { _form: 'Ese dato ya no está en el directorio.' } };
    if (change.retire) {
      await tx.update(table).set({ retiredAt: new Date() }).where(eq(table.id, id));
      if (kind === 'location')
        await tx.delete(dirServiceAtLocation).where(eq(dirServiceAtLocation.locationId, id));
    } else {
      const serviceId = change.serviceId ?? null;
      if (serviceId) {
        const [svc] = await tx
          .select({ id: dirServices.id })
          .from(dirServices)
          .where(and(eq(dirServices.id, serviceId), eq(dirServices.organizationId, change.organizationId)));
        if (!svc)
          return { ok: false as const, errors: { serviceId: 'Elige un servicio de esta organización.' } };
      }
      await tx
        .update(table)
        .set(itemColumns(kind, change.values, serviceId) as never)
        .where(eq(table.id, id));
    }
    await tx
      .update(dirOrganizations)
      .set({ updatedAt: new Date() })
      .where(eq(dirOrganizations.id, change.organizationId));
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: `directory.${kind}.${change.retire ? 'retire' : 'update'}`,
      entity: 'dir_organization',
      entityId: change.organizationId,
      ip: meta.ip,
      details: { itemId: id },
    });
    return { ok: true as const, id };
  });
}
