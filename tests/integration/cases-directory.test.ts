import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  auditLog,
  caseCategories,
  dirLocations,
  dirOrganizations,
  dirServices,
  referrals,
  users,
} from '~db/schema';
import { type Actor, createContact } from '~/features/cases/cases.server';
import { createReferral, listCaseReferrals, recordReferralOutcome } from '~/features/cases/referrals.server';
import { ContactSchema } from '~/features/cases/schemas';
import {
  addToOrganization,
  changeOrganizationItem,
  getOrganization,
  listServices,
  saveOrganization,
  saveService,
  verifyService,
} from '~/features/directory/directory.server';
import { exportHsds, toCsv } from '~/features/directory/export.server';
import { isStale, subtractMonths } from '~/features/directory/labels';
import { ServiceSchema } from '~/features/directory/schemas';
import { describeEachDb } from '../helpers/db';

const meta = { ip: null };
const TODAY = '2026-11-25';

it('flags entries not verified in six months, with calendar-month arithmetic', () => {
  expect(subtractMonths('2026-11-25', 6)).toBe('2026-05-25');
  expect(subtractMonths('2026-08-31', 6)).toBe('2026-02-28');
  expect(isStale(null, TODAY)).toBe(true);
  expect(isStale('2026-05-24', TODAY)).toBe(true);
  expect(isStale('2026-05-25', TODAY)).toBe(false);
});

it('writes CSV that spreadsheets read literally', () => {
  expect(toCsv([{ a: 'uno, dos', b: '=HYPERLINK("x")', c: 'dijo "hola"' }])).toBe(
    'a,b,c\r\n"uno, dos","\'=HYPERLINK(""x"")","dijo ""hola"""\r\n',
  );
});

describeEachDb('referral directory', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Directorio ${++n}`,
        email: `dir${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role };
  }
  async function makeService(actor: Actor, name = 'Asesoría jurídica gratuita') {
    const org = await saveOrganization(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), {
      name: `Organización ${++n}`,
      description: '',
      email: '',
      website: '',
    });
    if (!org.ok) throw new Error('org');
    const loc = await addToOrganization(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
      'location',
      {
        organizationId: org.id,
        name: 'Sede centro',
        address1: 'Calle Libertad 100',
        city: 'Chihuahua',
        municipalityId: '08019',
        postalCode: '31000',
      },
    );
    if (!loc.ok) throw new Error('loc');
    const svc = await saveService(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
      ServiceSchema.parse({
        organizationId: org.id,
        name,
        status: 'active',
        categories: ['legal'],
        locationIds: [String(loc.id)],
      }),
    );
    if (!svc.ok) throw new Error(JSON.stringify(svc.errors));
    return { orgId: org.id, locationId: loc.id, serviceId: svc.id };
  }

  it("keeps a service's sites within its organisation; saving is not verifying, «verificado hoy» is", async () => {
    const op = await makeUser('operator');
    const a = await makeService(op);
    const b = await makeService(op);
    const wrong = await saveService(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      ServiceSchema.parse({
        organizationId: a.orgId,
        name: 'Otro',
        status: 'active',
        categories: ['legal'],
        locationIds: [String(b.locationId)],
      }),
    );
    expect(wrong).toMatchObject({ ok: false, errors: { locationIds: expect.any(String) } });
    const verifiedOn = async () =>
      (await ctx.db.select().from(dirServices).where(eq(dirServices.id, a.serviceId)))[0]!.lastVerifiedOn;
    expect(await verifiedOn()).toBeNull();
    expect(
      await verifyService(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), a.serviceId, TODAY),
    ).toBe(true);
    expect(await verifiedOn()).toBe(TODAY);
  });

  it('lists stale services and clears the flag when someone verifies them', async () => {
    const op = await makeUser('operator');
    const { serviceId } = await makeService(op, 'Servicio por verificar');
    await ctx.db
      .update(dirServices)
      .set({ lastVerifiedOn: '2026-03-01' })
      .where(eq(dirServices.id, serviceId));
    const stale = await listServices(ctx.db, TODAY, { staleOnly: true });
    expect(stale.map((s) => s.id)).toContain(serviceId);
    expect(stale.find((s) => s.id === serviceId)!.stale).toBe(true);
    expect(
      await verifyService(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), serviceId, TODAY),
    ).toBe(true);
    expect((await listServices(ctx.db, TODAY, { staleOnly: true })).map((s) => s.id)).not.toContain(
      serviceId,
    );
    expect((await listServices(ctx.db, TODAY, { q: 'por verificar' })).map((s) => s.id)).toEqual([serviceId]);
  });

  it('exports HSDS tables that reference each other by stable UUIDs, with empty fields absent', async () => {
    const op = await makeUser('operator');
    const { orgId, serviceId, locationId } = await makeService(op, 'Servicio exportable');
    await verifyService(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), serviceId, TODAY);
    const [org] = await ctx.db.select().from(dirOrganizations).where(eq(dirOrganizations.id, orgId));
    const [s] = await ctx.db.select().from(dirServices).where(eq(dirServices.id, serviceId));
    const [l] = await ctx.db.select().from(dirLocations).where(eq(dirLocations.id, locationId));
    const data = await exportHsds(ctx.db);
    const svc = data.services.find((x) => x.id === s!.uuid)!;
    expect(svc).toMatchObject({ organization_id: org!.uuid, status: 'active', assured_date: TODAY });
    expect(svc).not.toHaveProperty('email');
    expect(svc).not.toHaveProperty('url');
    const o = data.organizations.find((x) => x.id === org!.uuid)!;
    expect(o).not.toHaveProperty('email');
    expect(o).not.toHaveProperty('website');
    expect(data.service_at_locations).toContainEqual(
      expect.objectContaining({ service_id: s!.uuid, location_id: l!.uuid }),
    );
    expect(data.locations.find((x) => x.id === l!.uuid)).toMatchObject({ location_type: 'physical' });
    expect(data.addresses.find((x) => x.location_id === l!.uuid)).toMatchObject({
      region: 'Chihuahua',
      country: 'MX',
      postal_code: '31000',
    });
    const term = data.taxonomy_terms.find((t) => t.code === 'legal')!;
    expect(term.name).toBe('Asesoría jurídica');
    expect(data.attributes).toContainEqual(
      expect.objectContaining({ link_id: s!.uuid, taxonomy_term_id: term.id }),
    );
    // The same records keep the same ids from one export to the next, and after an edit.
    await saveService(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      ServiceSchema.parse({
        id: String(serviceId),
        organizationId: orgId,
        name: 'Servicio exportable (editado)',
        status: 'active',
        categories: ['legal'],
        locationIds: [String(locationId)],
      }),
    );
    const again = await exportHsds(ctx.db);
    expect(again.service_at_locations.find((x) => x.service_id === s!.uuid)!.id).toBe(
      data.service_at_locations.find((x) => x.service_id === s!.uuid)!.id,
    );
    expect(again.taxonomy_terms.find((t) => t.code === 'legal')!.id).toBe(term.id);
  });

  it('edits and retires locations, phones and contact people; retired ones leave the directory and the export', async () => {
    const op = await makeUser('operator');
    const { orgId, locationId } = await makeService(op, 'Servicio con sede');
    const phone = await addToOrganization(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), 'phone', {
      organizationId: orgId,
      number: '614 429 3300',
      type: 'voice',
      description: '',
    });
    const person = await addToOrganization(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      'contact',
      { organizationId: orgId, name: 'Lic. Rosa Ávila', title: '', email: '', phone: '' },
    );
    if (!phone.ok || !person.ok) throw new Error('add');
    const edited = await changeOrganizationItem(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      'phone',
      phone.id,
      { organizationId: orgId, values: { number: '614 429 3301', type: 'voice', description: 'Recepción' } },
    );
    expect(edited.ok).toBe(true);
    const otherOrg = await makeService(op, 'Otro servicio');
    const foreign = await changeOrganizationItem(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
      'phone',
      phone.id,
      { retire: true, organizationId: otherOrg.orgId },
    );
    expect(foreign.ok).toBe(false);
    expect(
      (
        await changeOrganizationItem(
          makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
          'location',
          locationId,
          { retire: true, organizationId: orgId },
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await changeOrganizationItem(
          makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }),
          'contact',
          person.id,
          { retire: true, organizationId: orgId },
        )
      ).ok,
    ).toBe(true);
    const after = (await getOrganization(ctx.db, orgId))!;
    expect(after.phones.map((p) => [p.number, p.description])).toEqual([['614 429 3301', 'Recepción']]);
    expect(after.locations).toEqual([]);
    expect(after.people).toEqual([]);
    expect(after.links).toEqual([]);
    const [l] = await ctx.db.select().from(dirLocations).where(eq(dirLocations.id, locationId));
    const data = await exportHsds(ctx.db);
    expect(data.locations.some((x) => x.id === l!.uuid)).toBe(false);
    expect(data.phones.some((x) => x.number === '614 429 3301')).toBe(true);
  });

  it('refers a case only within scope and to an active service, then records the outcome', async () => {
    const owner = await makeUser('operator');
    const other = await makeUser('operator');
    const { serviceId } = await makeService(owner);
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Violencia familiar'));
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip, zone: 'America/Chihuahua' }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '20',
        callType: 'data',
        callerRole: 'victim',
        anonymous: 'on',
        categories: [cat!.id],
        summary: 'Violencia de su pareja; pide orientación.',
      }),
    );
    if (!saved.ok) throw new Error('case');
    const folio = saved.folio!;

    expect(
      await createReferral(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio, serviceId, ''),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    await ctx.db.update(dirServices).set({ status: 'inactive' }).where(eq(dirServices.id, serviceId));
    expect(
      await createReferral(makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }), folio, serviceId, ''),
    ).toMatchObject({
      ok: false,
      errors: { serviceId: expect.any(String) },
    });
    await ctx.db.update(dirServices).set({ status: 'active' }).where(eq(dirServices.id, serviceId));
    const created = await createReferral(
      makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
      folio,
      serviceId,
      'Orden de protección',
    );
    expect(created).toMatchObject({ ok: true });

    expect(
      await recordReferralOutcome(
        makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }),
        created.id!,
        'attended',
        'x',
      ),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(
      await recordReferralOutcome(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        created.id!,
        'pending',
        '',
      ),
    ).toMatchObject({
      ok: false,
    });
    expect(
      await recordReferralOutcome(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        created.id!,
        'attended',
        'La atendieron el mismo día.',
      ),
    ).toMatchObject({ ok: true, folio });
    const [row] = await ctx.db.select().from(referrals).where(eq(referrals.id, created.id!));
    expect(row).toMatchObject({ outcome: 'attended', outcomeNotes: 'La atendieron el mismo día.' });
    expect(row!.outcomeAt).toBeInstanceOf(Date);
    const listed = await listCaseReferrals(ctx.db, row!.caseId);
    expect(listed.map((r) => r.serviceName)).toEqual(['Asesoría jurídica gratuita']);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'case'), eq(auditLog.entityId, String(row!.caseId))));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['referral.create', 'referral.outcome']),
    );
  });
});
