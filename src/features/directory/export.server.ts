import { toCsv as writeCsv } from '~/lib/csv';
import { asc } from 'drizzle-orm';
import type { Executor } from '~db/client';
import {
  dirContacts,
  dirLocations,
  dirOrganizations,
  dirPhones,
  dirServiceAtLocation,
  dirServices,
} from '~db/schema';
import { DIRECTORY_CATEGORIES } from './labels';

/**
 * The directory as Open Referral HSDS-style tables: one array of rows per HSDS table, with
 * HSDS column names. Ids are prefixed so they stay unique across tables when merged elsewhere.
 * Directory data is public-facing information about services, never case data.
 */
export async function exportHsds(db: Executor) {
  const [orgs, services, locations, links, phones, contacts] = await Promise.all([
    db.select().from(dirOrganizations).orderBy(asc(dirOrganizations.id)),
    db.select().from(dirServices).orderBy(asc(dirServices.id)),
    db.select().from(dirLocations).orderBy(asc(dirLocations.id)),
    db.select().from(dirServiceAtLocation),
    db.select().from(dirPhones).orderBy(asc(dirPhones.id)),
    db.select().from(dirContacts).orderBy(asc(dirContacts.id)),
  ]);
  const id = (prefix: string, n: number | null) => (n === null ? '' : `${prefix}-${n}`);
  return {
    organizations: orgs.map((o) => ({
      id: id('org', o.id),
      name: o.name,
      description: o.description,
      email: o.email,
      website: o.website,
      last_modified: o.updatedAt.toISOString(),
    })),
    services: services.map((s) => ({
      id: id('svc', s.id),
      organization_id: id('org', s.organizationId),
      name: s.name,
      description: s.description,
      status: s.status,
      eligibility_description: s.eligibility,
      fees_description: s.fees,
      application_process: s.applicationProcess,
      email: s.email,
      url: s.url,
      schedule_description: s.hours,
      taxonomy_terms: s.categories
        .map((c) => DIRECTORY_CATEGORIES[c as keyof typeof DIRECTORY_CATEGORIES] ?? c)
        .join('; '),
      assured_date: s.lastVerifiedOn ?? '',
      last_modified: s.updatedAt.toISOString(),
    })),
    locations: locations.map((l) => ({
      id: id('loc', l.id),
      organization_id: id('org', l.organizationId),
      name: l.name,
      address_1: l.address1,
      city: l.city,
      state_province: 'Chihuahua',
      postal_code: l.postalCode,
      country: 'MX',
      inegi_municipality: l.municipalityId ?? '',
    })),
    service_at_location: links.map((x) => ({
      id: `sal-${x.serviceId}-${x.locationId}`,
      service_id: id('svc', x.serviceId),
      location_id: id('loc', x.locationId),
    })),
    phones: phones.map((p) => ({
      id: id('tel', p.id),
      organization_id: id('org', p.organizationId),
      service_id: id('svc', p.serviceId),
      number: p.number,
      type: p.type,
      description: p.description,
    })),
    contacts: contacts.map((c) => ({
      id: id('con', c.id),
      organization_id: id('org', c.organizationId),
      service_id: id('svc', c.serviceId),
      name: c.name,
      title: c.title,
      email: c.email,
      phone: c.phone,
    })),
  };
}

export type HsdsTable = keyof Awaited<ReturnType<typeof exportHsds>>;
export const HSDS_TABLES: readonly HsdsTable[] = [
  'organizations',
  'services',
  'locations',
  'service_at_location',
  'phones',
  'contacts',
];

/** RFC 4180 CSV; cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
export function toCsv(rows: Record<string, string>[]): string {
  if (rows.length === 0) return '';
  const headers = Object.keys(rows[0]!);
  // HSDS files are for other systems as much as for people: no BOM.
  return writeCsv(
    headers,
    rows.map((r) => headers.map((h) => r[h] ?? '')),
    { bom: false },
  );
}
