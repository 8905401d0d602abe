import { createHash } from 'node:crypto';
import { toCsv as writeCsv } from '~/lib/csv';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  dirContacts,
  dirLocations,
  dirOrganizations,
  dirPhones,
  dirServiceAtLocation,
  dirServices,
  municipalities,
} from '~db/schema';
import { DIRECTORY_CATEGORIES } from './labels';

/** Namespace of the UUIDs this export derives (taxonomy terms, addresses…): fixed forever, so they are stable. */
const NAMESPACE = '6f1d5c3e-2a4b-5c6d-8e7f-90a1b2c3d4e5';

/** RFC 4122 version-5 UUID of `name` in `namespace`: the same input always gives the same id. */
export function uuidV5(name: string, namespace = NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const h = hash.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

type Row = Record<string, string>;

/** Drops empty values: HSDS wants an absent field, not "" (which fails `email` and `uri` formats). */
function present(row: Record<string, string | null | undefined>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const email = (v: string) => (EMAIL.test(v.trim()) ? v.trim() : '');
/** An absolute http(s) URL; "www.fge.gob.mx" as typed gets its https://; anything else is left out. */
function uri(v: string): string {
  const t = v.trim();
  if (!t) return '';
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(t) ? t : `https://${t}`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '';
  } catch {
    return '';
  }
}

/**
 * The directory as Open Referral HSDS 3.0 tables (the tabular form: one array of records per
 * schema, linked by `*_id`): every id is the record's stable UUID (kept in its `uuid` column, or
 * derived with `uuidV5` for records HSDS has and the directory does not keep apart: addresses,
 * schedules, taxonomy terms, attributes, a contact's phone). Empty fields are absent. Retired
 * locations, phones and contact people are not exported. Public-facing service data, never case data.
 */
export async function exportHsds(db: Executor) {
  const [orgs, services, locations, links, phones, contacts] = await Promise.all([
    db.select().from(dirOrganizations).orderBy(asc(dirOrganizations.id)),
    db.select().from(dirServices).orderBy(asc(dirServices.id)),
    db
      .select({ l: dirLocations, municipality: municipalities.name })
      .from(dirLocations)
      .leftJoin(municipalities, eq(municipalities.id, dirLocations.municipalityId))
      .where(isNull(dirLocations.retiredAt))
      .orderBy(asc(dirLocations.id)),
    db
      .select({
        uuid: dirServiceAtLocation.uuid,
        serviceId: dirServiceAtLocation.serviceId,
        locationId: dirServiceAtLocation.locationId,
      })
      .from(dirServiceAtLocation)
      .innerJoin(dirLocations, eq(dirLocations.id, dirServiceAtLocation.locationId))
      .where(isNull(dirLocations.retiredAt)),
    db.select().from(dirPhones).where(isNull(dirPhones.retiredAt)).orderBy(asc(dirPhones.id)),
    db.select().from(dirContacts).where(isNull(dirContacts.retiredAt)).orderBy(asc(dirContacts.id)),
  ]);
  const orgUuid = new Map(orgs.map((o) => [o.id, o.uuid]));
  const svcUuid = new Map(services.map((s) => [s.id, s.uuid]));
  const locUuid = new Map(locations.map(({ l }) => [l.id, l.uuid]));
  const svc = (id: number | null) => (id === null ? '' : (svcUuid.get(id) ?? ''));
  const taxonomyId = uuidV5('taxonomy:vinculo-directorio');
  const termId = (key: string) => uuidV5(`taxonomy_term:${key}`);
  const usedTerms = [...new Set(services.flatMap((s) => s.categories))].filter(
    (k) => k in DIRECTORY_CATEGORIES,
  );

  return {
    organizations: orgs.map((o) =>
      present({
        id: o.uuid,
        name: o.name,
        // Required by HSDS (a string, possibly empty): the one field kept when empty.
        description: o.description || o.name,
        email: email(o.email),
        website: uri(o.website),
      }),
    ),
    services: services.map((s) =>
      present({
        id: s.uuid,
        organization_id: orgUuid.get(s.organizationId),
        name: s.name,
        description: s.description,
        status: s.status,
        eligibility_description: s.eligibility,
        fees_description: s.fees,
        application_process: s.applicationProcess,
        email: email(s.email),
        url: uri(s.url),
        assured_date: s.lastVerifiedOn,
        last_modified: s.updatedAt.toISOString(),
      }),
    ),
    locations: locations.map(({ l }) =>
      present({
        id: l.uuid,
        location_type: 'physical',
        organization_id: orgUuid.get(l.organizationId),
        name: l.name,
      }),
    ),
    addresses: locations
      .filter(({ l }) => l.address1.trim() !== '')
      .map(({ l, municipality }): Row => ({
        ...present({
          id: uuidV5(`address:${l.uuid}`),
          location_id: l.uuid,
          address_1: l.address1,
          city: l.city || municipality || '',
          region: municipality,
          state_province: 'Chihuahua',
          country: 'MX',
          address_type: 'physical',
        }),
        // Required by HSDS even when unknown.
        city: l.city || municipality || '',
        postal_code: l.postalCode,
      })),
    service_at_locations: links
      .filter((x) => svcUuid.has(x.serviceId) && locUuid.has(x.locationId))
      .map((x) => ({
        id: x.uuid,
        service_id: svcUuid.get(x.serviceId)!,
        location_id: locUuid.get(x.locationId)!,
      })),
    phones: [
      ...phones.map((p) =>
        present({
          id: p.uuid,
          organization_id: orgUuid.get(p.organizationId),
          service_id: svc(p.serviceId),
          number: p.number,
          type: p.type,
          description: p.description,
        }),
      ),
      ...contacts
        .filter((c) => c.phone.trim() !== '')
        .map((c) =>
          present({ id: uuidV5(`phone:${c.uuid}`), contact_id: c.uuid, number: c.phone, type: 'voice' }),
        ),
    ],
    contacts: contacts.map((c) =>
      present({
        id: c.uuid,
        organization_id: orgUuid.get(c.organizationId),
        service_id: svc(c.serviceId),
        name: c.name,
        title: c.title,
        email: email(c.email),
      }),
    ),
    schedules: services
      .filter((s) => s.hours.trim() !== '')
      .map((s) => present({ id: uuidV5(`schedule:${s.uuid}`), service_id: s.uuid, description: s.hours })),
    taxonomies: [
      {
        id: taxonomyId,
        name: 'Directorio de canalización de Vínculo',
        description: 'Categorías de los servicios a los que la línea canaliza a las personas.',
      },
    ],
    taxonomy_terms: usedTerms.map((key) => ({
      id: termId(key),
      code: key,
      name: DIRECTORY_CATEGORIES[key as keyof typeof DIRECTORY_CATEGORIES],
      description: DIRECTORY_CATEGORIES[key as keyof typeof DIRECTORY_CATEGORIES],
      taxonomy_id: taxonomyId,
      language: 'es',
    })),
    attributes: services.flatMap((s) =>
      s.categories
        .filter((key) => key in DIRECTORY_CATEGORIES)
        .map((key) => ({
          id: uuidV5(`attribute:${s.uuid}:${key}`),
          link_id: s.uuid,
          link_type: 'service_category',
          link_entity: 'service',
          taxonomy_term_id: termId(key),
        })),
    ),
  };
}

export type HsdsTable = keyof Awaited<ReturnType<typeof exportHsds>>;
export const HSDS_TABLES: readonly HsdsTable[] = [
  'organizations',
  'services',
  'locations',
  'addresses',
  'service_at_locations',
  'phones',
  'contacts',
  'schedules',
  'taxonomies',
  'taxonomy_terms',
  'attributes',
];

/** RFC 4180 CSV; cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
export function toCsv(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  // Absent fields are absent from some rows: the header is every field any row has, in first-seen order.
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  // HSDS files are for other systems as much as for people: no BOM.
  return writeCsv(
    headers,
    rows.map((r) => headers.map((h) => r[h] ?? '')),
    { bom: false },
  );
}
