/**
 * The directory export against Open Referral's HSDS 3.0 JSON schemas (openreferral/specification,
 * schema/*.json at 279fd2e). The schema files are CC BY-SA 4.0, so they are not copied here: what
 * this test checks is encoded below, table by table — each schema's `required` list, the fields
 * it declares (`properties`: a field outside them is not HSDS), their `format` (uuid, email, uri,
 * date-time) and `enum`s — and every `*_id` must point at a record exported in the right table.
 */
import { expect, it } from 'vitest';
import { users } from '~db/schema';
import { addToOrganization, saveOrganization, saveService } from '~/features/directory/directory.server';
import { exportHsds } from '~/features/directory/export.server';
import { ServiceSchema } from '~/features/directory/schemas';
import { makeStaffContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';

type Format = 'uuid' | 'email' | 'uri' | 'date-time' | 'date';
interface TableSpec {
  required: string[];
  /** Every property the schema declares as a string (arrays and objects are not in the tabular form). */
  fields: Record<string, Format | readonly string[] | null>;
  refs?: Record<string, string>;
}

const HSDS = {
  organizations: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      name: null,
      alternate_name: null,
      description: null,
      email: 'email',
      website: 'uri',
      tax_status: null,
      tax_id: null,
      legal_status: null,
      logo: null,
      uri: 'uri',
      parent_organization_id: 'uuid',
    },
  },
  services: {
    required: ['id', 'name', 'status'],
    fields: {
      id: 'uuid',
      organization_id: 'uuid',
      program_id: 'uuid',
      name: null,
      alternate_name: null,
      description: null,
      url: 'uri',
      email: 'email',
      status: ['active', 'inactive', 'defunct', 'temporarily closed'],
      interpretation_services: null,
      application_process: null,
      fees_description: null,
      wait_time: null,
      fees: null,
      accreditations: null,
      eligibility_description: null,
      assured_date: 'date',
      assurer_email: 'email',
      licenses: null,
      alert: null,
      last_modified: 'date-time',
    },
    refs: { organization_id: 'organizations' },
  },
  locations: {
    required: ['id', 'location_type'],
    fields: {
      id: 'uuid',
      location_type: ['physical', 'postal', 'virtual'],
      url: 'uri',
      organization_id: 'uuid',
      name: null,
      alternate_name: null,
      description: null,
      transportation: null,
      external_identifier: null,
      external_identifier_type: null,
    },
    refs: { organization_id: 'organizations' },
  },
  addresses: {
    required: ['id', 'address_1', 'city', 'state_province', 'postal_code', 'country', 'address_type'],
    fields: {
      id: 'uuid',
      location_id: 'uuid',
      attention: null,
      address_1: null,
      address_2: null,
      city: null,
      region: null,
      state_province: null,
      postal_code: null,
      country: null,
      address_type: ['physical', 'postal', 'virtual'],
    },
    refs: { location_id: 'locations' },
  },
  service_at_locations: {
    required: ['id'],
    fields: { id: 'uuid', service_id: 'uuid', location_id: 'uuid', description: null },
    refs: { service_id: 'services', location_id: 'locations' },
  },
  phones: {
    required: ['id', 'number'],
    fields: {
      id: 'uuid',
      location_id: 'uuid',
      service_id: 'uuid',
      organization_id: 'uuid',
      contact_id: 'uuid',
      service_at_location_id: 'uuid',
      number: null,
      type: null,
      description: null,
    },
    refs: { organization_id: 'organizations', service_id: 'services', contact_id: 'contacts' },
  },
  contacts: {
    required: ['id'],
    fields: {
      id: 'uuid',
      organization_id: 'uuid',
      service_id: 'uuid',
      service_at_location_id: 'uuid',
      location_id: 'uuid',
      name: null,
      title: null,
      department: null,
      email: 'email',
    },
    refs: { organization_id: 'organizations', service_id: 'services' },
  },
  schedules: {
    required: ['id'],
    fields: {
      id: 'uuid',
      service_id: 'uuid',
      location_id: 'uuid',
      service_at_location_id: 'uuid',
      description: null,
      notes: null,
    },
    refs: { service_id: 'services' },
  },
  taxonomies: {
    required: ['id', 'name', 'description'],
    fields: { id: 'uuid', name: null, description: null, uri: 'uri', version: null },
  },
  taxonomy_terms: {
    required: ['id', 'name', 'description'],
    fields: {
      id: 'uuid',
      code: null,
      name: null,
      description: null,
      parent_id: 'uuid',
      taxonomy: null,
      language: null,
      taxonomy_id: 'uuid',
      term_uri: 'uri',
    },
    refs: { taxonomy_id: 'taxonomies' },
  },
  attributes: {
    required: ['id'],
    fields: {
      id: 'uuid',
      link_id: 'uuid',
      taxonomy_term_id: 'uuid',
      link_type: null,
      link_entity: null,
      value: null,
    },
    refs: { taxonomy_term_id: 'taxonomy_terms' },
  },
} satisfies Record<string, TableSpec>;

const FORMATS: Record<Format, (v: string) => boolean> = {
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(v),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uri: (v) => {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(v) && Boolean(new URL(v));
    } catch {
      return false;
    }
  },
  'date-time': (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v),
};

/** Every way `data` breaks the spec, as readable lines (empty when it conforms). */
function violations(data: Record<string, Record<string, string>[]>): string[] {
  const out: string[] = [];
  const ids = new Map(Object.entries(data).map(([t, rows]) => [t, new Set(rows.map((r) => r.id))]));
  const all = new Set<string>();
  for (const [table, rows] of Object.entries(data)) {
    const spec = (HSDS as Record<string, TableSpec>)[table];
    if (!spec) {
      out.push(`${table}: not an HSDS table`);
      continue;
    }
    for (const row of rows) {
      const where = `${table}[${row.id ?? '?'}]`;
      if (row.id && all.has(row.id)) out.push(`${where}: id used twice`);
      if (row.id) all.add(row.id);
      for (const f of spec.required) if (typeof row[f] !== 'string') out.push(`${where}: missing ${f}`);
      for (const [f, v] of Object.entries(row)) {
        if (!(f in spec.fields)) {
          out.push(`${where}: ${f} is not an HSDS field`);
          continue;
        }
        if (typeof v !== 'string') out.push(`${where}.${f}: not a string`);
        else if (v === '' && !spec.required.includes(f)) out.push(`${where}.${f}: empty instead of absent`);
        const rule = spec.fields[f];
        if (Array.isArray(rule) && !rule.includes(v))
          out.push(`${where}.${f}: ${v} not in ${rule.join('|')}`);
        else if (typeof rule === 'string' && v !== '' && !FORMATS[rule as Format](v))
          out.push(`${where}.${f}: ${v} is not a ${rule}`);
      }
      for (const [f, target] of Object.entries(spec.refs ?? {}))
        if (row[f] !== undefined && !ids.get(target)?.has(row[f]!))
          out.push(`${where}.${f}: points at nothing in ${target}`);
    }
  }
  return out;
}

describeEachDb('HSDS 3.0 export', (ctx) => {
  it('the checker catches what made the old export fail', () => {
    expect(
      violations({
        organizations: [{ id: 'org-1', name: 'X', description: '', email: '' }],
        locations: [{ id: '6f1d5c3e-2a4b-5c6d-8e7f-90a1b2c3d4e5', name: 'Sede' }],
        services: [
          { id: '7f1d5c3e-2a4b-4c6d-8e7f-90a1b2c3d4e5', name: 'S', status: 'active', url: 'www.x.mx' },
        ],
      }),
    ).toEqual([
      'organizations[org-1].id: org-1 is not a uuid',
      'organizations[org-1].email: empty instead of absent',
      'locations[6f1d5c3e-2a4b-5c6d-8e7f-90a1b2c3d4e5]: missing location_type',
      'services[7f1d5c3e-2a4b-4c6d-8e7f-90a1b2c3d4e5].url: www.x.mx is not a uri',
    ]);
  });

  it('every exported record conforms: required fields, formats, enums, links between tables', async () => {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'HSDS',
        email: `hsds-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'operator',
      })
      .returning();
    const op = { id: u!.id, role: 'operator' as const };
    const meta = { ip: null };
    // One organisation as complete as the forms allow, one as bare as they allow.
    const full = await saveOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), {
      name: 'Centro de Justicia para las Mujeres',
      description: 'Atención integral',
      email: 'cejum@chihuahua.gob.mx',
      website: 'www.chihuahua.gob.mx',
    });
    const bare = await saveOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), {
      name: 'Refugio',
      description: '',
      email: '',
      website: '',
    });
    if (!full.ok || !bare.ok) throw new Error('org');
    const loc = await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'location', {
      organizationId: full.id,
      name: 'Sede Juárez',
      address1: 'Av. Juárez 100',
      city: '',
      municipalityId: '08037',
      postalCode: '',
    });
    await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'location', {
      organizationId: bare.id,
      name: 'Sede sin dirección',
      address1: '',
      city: '',
      municipalityId: '',
      postalCode: '',
    });
    if (!loc.ok) throw new Error('loc');
    const svc = await saveService(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      ServiceSchema.parse({
        organizationId: full.id,
        name: 'Asesoría jurídica',
        status: 'active',
        hours: 'L-V 8:00 a 15:00',
        email: 'juridico@chihuahua.gob.mx',
        url: 'https://www.chihuahua.gob.mx/cejum',
        categories: ['legal', 'psicologica'],
        locationIds: [String(loc.id)],
      }),
    );
    await saveService(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      ServiceSchema.parse({
        organizationId: bare.id,
        name: 'Albergue',
        status: 'temporarily closed',
        categories: ['refugio'],
      }),
    );
    if (!svc.ok) throw new Error(JSON.stringify(svc.errors));
    await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'phone', {
      organizationId: full.id,
      serviceId: svc.id,
      number: '656 629 3300',
      type: 'voice',
      description: '',
    });
    await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'contact', {
      organizationId: full.id,
      name: 'Lic. Ana Ruiz',
      title: 'Coordinadora',
      email: '',
      phone: '656 111 2222',
    });
    await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'contact', {
      organizationId: bare.id,
      name: 'Recepción',
      title: '',
      email: 'recepcion@refugio.org',
      phone: '',
    });

    const data = await exportHsds(ctx.db);
    expect(violations(data)).toEqual([]);
    // And the export is not trivially empty: each table the data feeds has records.
    for (const t of [
      'organizations',
      'services',
      'locations',
      'addresses',
      'service_at_locations',
      'phones',
      'contacts',
      'schedules',
      'taxonomy_terms',
      'attributes',
    ] as const)
      expect(data[t].length, t).toBeGreaterThan(0);
    expect(data.organizations.find((o) => o.name === 'Centro de Justicia para las Mujeres')!.website).toBe(
      'https://www.chihuahua.gob.mx/',
    );
  });
});
