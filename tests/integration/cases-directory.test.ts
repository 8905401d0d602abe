import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, caseCategories, dirServices, referrals, users } from '~db/schema';
import { type Actor, createContact } from '~/features/cases/cases.server';
import { createReferral, listCaseReferrals, recordReferralOutcome } from '~/features/cases/referrals.server';
import { ContactSchema } from '~/features/cases/schemas';
import {
  addToOrganization,
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
    const org = await saveOrganization(
      ctx.db,
      actor,
      { name: `Organización ${++n}`, description: '', email: '', website: '' },
      meta,
    );
    if (!org.ok) throw new Error('org');
    const loc = await addToOrganization(
      ctx.db,
      actor,
      'location',
      {
        organizationId: org.id,
        name: 'Sede centro',
        address1: 'Calle Libertad 100',
        city: 'Chihuahua',
        municipalityId: '08019',
        postalCode: '31000',
      },
      meta,
    );
    if (!loc.ok) throw new Error('loc');
    const svc = await saveService(
      ctx.db,
      actor,
      ServiceSchema.parse({
        organizationId: org.id,
        name,
        status: 'active',
        categories: ['legal'],
        locationIds: [String(loc.id)],
      }),
      meta,
      TODAY,
    );
    if (!svc.ok) throw new Error(JSON.stringify(svc.errors));
    return { orgId: org.id, locationId: loc.id, serviceId: svc.id };
  }

  it("keeps a service's sites within its organisation, and counts saving as verifying", async () => {
    const op = await makeUser('operator');
    const a = await makeService(op);
    const b = await makeService(op);
    const wrong = await saveService(
      ctx.db,
      op,
      ServiceSchema.parse({
        organizationId: a.orgId,
        name: 'Otro',
        status: 'active',
        categories: ['legal'],
        locationIds: [String(b.locationId)],
      }),
      meta,
      TODAY,
    );
    expect(wrong).toMatchObject({ ok: false, errors: { locationIds: expect.any(String) } });
    const [svc] = await ctx.db.select().from(dirServices).where(eq(dirServices.id, a.serviceId));
    expect(svc!.lastVerifiedOn).toBe(TODAY);
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
    expect(await verifyService(ctx.db, op, serviceId, meta, TODAY)).toBe(true);
    expect((await listServices(ctx.db, TODAY, { staleOnly: true })).map((s) => s.id)).not.toContain(
      serviceId,
    );
    expect((await listServices(ctx.db, TODAY, { q: 'por verificar' })).map((s) => s.id)).toEqual([serviceId]);
  });

  it('exports HSDS-style tables that reference each other', async () => {
    const op = await makeUser('operator');
    const { orgId, serviceId, locationId } = await makeService(op, 'Servicio exportable');
    const data = await exportHsds(ctx.db);
    const svc = data.services.find((s) => s.id === `svc-${serviceId}`)!;
    expect(svc).toMatchObject({
      organization_id: `org-${orgId}`,
      status: 'active',
      taxonomy_terms: 'Asesoría jurídica',
      assured_date: TODAY,
    });
    expect(data.organizations.some((o) => o.id === `org-${orgId}`)).toBe(true);
    expect(data.service_at_location).toContainEqual({
      id: `sal-${serviceId}-${locationId}`,
      service_id: `svc-${serviceId}`,
      location_id: `loc-${locationId}`,
    });
    expect(data.locations.find((l) => l.id === `loc-${locationId}`)).toMatchObject({
      inegi_municipality: '08019',
      country: 'MX',
    });
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
