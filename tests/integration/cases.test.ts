import { makeStaffContext } from '~/lib/server/context';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, caseCategories, cases, contacts, users } from '~db/schema';
import { seedCaseTaxonomy } from '~db/seed/cases-taxonomy';
import {
  type Actor,
  createContact,
  exportCases,
  getDraft,
  saveDraft,
  searchCases,
} from '~/features/cases/cases.server';
import {
  addCaseNote,
  assignToCase,
  changeCaseStatus,
  getCaseAccessHistory,
  getCaseTimeline,
} from '~/features/cases/case-detail.server';
import { CaseSearchSchema, ContactSchema } from '~/features/cases/schemas';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: '10.9.0.1' };

describeEachDb('cases', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor & { name: string }> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Persona ${++n}`,
        email: `caso${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role, name: u!.name };
  }
  async function categoryId(name: string) {
    const [c] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, name));
    return c!.id;
  }
  async function dataCall(actor: Actor, overrides: Record<string, unknown> = {}) {
    const input = ContactSchema.parse({
      channel: 'phone',
      durationMinutes: '12',
      callType: 'data',
      callerRole: 'victim',
      personName: 'Alma Rocío Prieto',
      followUpConsent: 'on',
      followUpPhone: '614 555 0199',
      categories: [await categoryId('Robo de vehículo automotor')],
      services: ['legal'],
      summary: 'Le robaron la camioneta afuera de su trabajo; se le explicó cómo denunciar.',
      privacyNoticeGiven: 'on',
      ...overrides,
    });
    const result = await createContact(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ }),
      input,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result;
  }
  const search = (actor: Actor, f: Record<string, unknown>) =>
    searchCases(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ }),
      CaseSearchSchema.parse(f),
    );

  it('seeds the two-level taxonomy once, SESNSP types with their subtypes plus hotline problems', async () => {
    const count = async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(caseCategories))[0]!.n;
    const before = await count();
    await seedCaseTaxonomy(ctx.db);
    expect(await count()).toBe(before);
    const [robo] = await ctx.db
      .select()
      .from(caseCategories)
      .where(and(eq(caseCategories.name, 'Robo'), isNull(caseCategories.parentId)));
    const subtypes = await ctx.db
      .select({ name: caseCategories.name })
      .from(caseCategories)
      .where(eq(caseCategories.parentId, robo!.id));
    expect(subtypes.map((s) => s.name)).toContain('Robo de vehículo automotor');
    expect(subtypes).toHaveLength(14);
    // Renamed entries are not re-created by a later seed.
    const [orient] = await ctx.db
      .select()
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Orientación general'));
    await ctx.db.update(caseCategories).set({ name: 'Orientación' }).where(eq(caseCategories.id, orient!.id));
    await seedCaseTaxonomy(ctx.db);
    expect(await count()).toBe(before);
  });

  it('opens a case with a folio for a data call, records the notice, and audits it', async () => {
    const op = await makeUser('operator');
    const saved = await dataCall(op);
    expect(saved.folio).toMatch(/^LC-20\d\d-\d{5}$/);
    const [c] = await ctx.db.select().from(cases).where(eq(cases.folio, saved.folio!));
    expect(c).toMatchObject({
      ownerId: op.id,
      status: 'open',
      personName: 'Alma Rocío Prieto',
      personPhone: '6145550199',
    });
    const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, saved.contactId));
    expect(contact!.privacyNoticeId).not.toBeNull();
    expect(contact!.privacyNoticeGivenAt).toBeInstanceOf(Date);
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'case'), eq(auditLog.entityId, String(c!.id))));
    expect(audit.map((a) => a.action).sort()).toEqual(['case.create', 'contact.create']);
    // No case data in the audit trail.
    expect(JSON.stringify(audit)).not.toContain('Alma');
  });

  it('stores a non-data call without a case or person', async () => {
    const op = await makeUser('operator');
    const result = await createContact(
      makeStaffContext({ db: ctx.db, user: op, ip: meta.ip, zone: TZ }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '0',
        callType: 'hang_up',
        personName: 'no debe guardarse',
      }),
    );
    expect(result).toMatchObject({ ok: true, folio: null, newCase: false });
    if (!result.ok) return;
    const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.id, result.contactId));
    expect(contact).toMatchObject({ caseId: null, personName: '', callType: 'hang_up' });
  });

  it('refuses a data call without the essentials, with a message per field', () => {
    const parsed = ContactSchema.safeParse({
      channel: 'phone',
      durationMinutes: '5',
      callType: 'data',
      personName: 'Ana',
      followUpConsent: 'on',
      followUpPhone: '123',
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['callerRole', 'categories', 'summary', 'followUpPhone', 'privacyNoticeGiven']),
    );
  });

  it('applies the scope in reads, searches and changes for every role', async () => {
    const owner = await makeUser('operator');
    const other = await makeUser('operator');
    const supervisor = await makeUser('supervisor');
    const admin = await makeUser('admin');
    const comms = await makeUser('comms');
    const { folio } = await dataCall(owner, { personName: 'Zoila Benavides Ortega' });

    expect(
      await getCaseTimeline(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio!),
    ).toBeNull();
    expect(
      await getCaseTimeline(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), folio!),
    ).toBeNull();
    expect((await search(other, { name: 'Benavides' })).rows).toHaveLength(0);
    expect((await search(comms, { name: 'Benavides' })).rows).toHaveLength(0);
    expect(
      await changeCaseStatus(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio!, 'closed'),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(
      await addCaseNote(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio!, 'intento'),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(
      await createContact(
        makeStaffContext({ db: ctx.db, user: other, ip: meta.ip, zone: TZ }),
        ContactSchema.parse({
          caseFolio: folio,
          channel: 'phone',
          durationMinutes: '3',
          callType: 'data',
          callerRole: 'victim',
          anonymous: 'on',
          categories: [await categoryId('Fraude')],
          summary: 'Llamada sobre el caso ajeno',
        }),
      ),
    ).toMatchObject({ ok: false, errors: { caseFolio: expect.any(String) } });

    const exported = async (who: Actor) =>
      (
        await exportCases(
          makeStaffContext({ db: ctx.db, user: who, ip: meta.ip, zone: TZ }),
          CaseSearchSchema.parse({}),
        )
      ).rows.map((r) => r.folio);
    expect(await exported(other)).not.toContain(folio);
    expect(await exported(comms)).toEqual([]);
    expect(await exported(supervisor)).toContain(folio);
    const ownRows = (
      await exportCases(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip, zone: TZ }),
        CaseSearchSchema.parse({}),
      )
    ).rows;
    expect(ownRows.find((r) => r.folio === folio)).toMatchObject({ estado: 'Abierto' });
    expect(JSON.stringify(ownRows)).not.toContain('Benavides');

    for (const who of [owner, supervisor, admin]) {
      expect(
        (await getCaseTimeline(makeStaffContext({ db: ctx.db, user: who, ip: meta.ip }), folio!))?.case.folio,
      ).toBe(folio);
      expect((await search(who, { name: 'benavides' })).rows.map((r) => r.folio)).toEqual([folio]);
    }
    // Assignment brings the other operator in.
    expect(
      await assignToCase(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio!, other.id),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(
      await assignToCase(makeStaffContext({ db: ctx.db, user: supervisor, ip: meta.ip }), folio!, other.id),
    ).toEqual({ ok: true });
    expect(
      (await getCaseTimeline(makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }), folio!))?.case.folio,
    ).toBe(folio);
    expect(
      await addCaseNote(
        makeStaffContext({ db: ctx.db, user: other, ip: meta.ip }),
        folio!,
        'Se le llamó y confirmó la cita.',
      ),
    ).toEqual({
      ok: true,
    });

    const history = await getCaseAccessHistory(
      ctx.db,
      supervisor,
      (await getCaseTimeline(makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }), folio!))!.case.id,
    );
    expect(history!.filter((h) => h.action === 'case.read').length).toBeGreaterThanOrEqual(5);
    expect(history!.map((h) => h.action)).toEqual(
      expect.arrayContaining(['case.assign', 'case.note', 'case.create']),
    );
    expect(await getCaseAccessHistory(ctx.db, owner, 1)).toBeNull();
  });

  it('searches by folio, partial name, phone, category family, status, operator and date', async () => {
    const op = await makeUser('operator');
    const sup = await makeUser('supervisor');
    const a = await dataCall(op, { personName: 'Griselda Maynez Acosta', followUpPhone: '656 111 2233' });
    const b = await dataCall(op, {
      personName: 'Efraín Maynez Loera',
      followUpConsent: '',
      followUpPhone: '',
      categories: [await categoryId('Fraude')],
    });
    const folios = async (f: Record<string, unknown>) =>
      (await search(sup, f)).rows.map((r) => r.folio).sort();
    expect(await folios({ folio: a.folio })).toEqual([a.folio]);
    expect(await folios({ name: 'maynez' })).toEqual([a.folio, b.folio].sort());
    expect(await folios({ phone: '111-2233' })).toEqual([a.folio]);
    expect(await folios({ name: 'maynez', categoryId: String(await categoryId('Robo')) })).toEqual([a.folio]);
    expect(await folios({ name: 'maynez', operatorId: String(op.id) })).toEqual([a.folio, b.folio].sort());
    await changeCaseStatus(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), b.folio!, 'closed');
    expect(await folios({ name: 'maynez', status: 'closed' })).toEqual([b.folio]);
    expect(await folios({ name: 'maynez', to: '2020-01-01' })).toEqual([]);
    // Wildcards typed by the user are literal.
    expect(await folios({ name: '%' })).toEqual([]);
    const [row] = await ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'case.search'))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect(JSON.stringify(row!.details)).not.toMatch(/maynez/i);
  });

  it('moves status only along the transition table', async () => {
    const op = await makeUser('operator');
    const { folio } = await dataCall(op);
    expect(
      await changeCaseStatus(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), folio!, 'closed'),
    ).toEqual({ ok: true });
    expect(
      await changeCaseStatus(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), folio!, 'follow_up'),
    ).toMatchObject({
      ok: false,
      errors: { status: expect.any(String) },
    });
    expect(
      await changeCaseStatus(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), folio!, 'open'),
    ).toEqual({ ok: true });
    // A new contact on a closed case reopens it.
    await changeCaseStatus(makeStaffContext({ db: ctx.db, user: op, ip: meta.ip }), folio!, 'closed');
    await dataCall(op, { caseFolio: folio });
    const [c] = await ctx.db.select().from(cases).where(eq(cases.folio, folio!));
    expect(c).toMatchObject({ status: 'open', closedAt: null });
  });

  it('gives unique consecutive folios under concurrent saves', async () => {
    const op = await makeUser('operator');
    const results = await Promise.all(Array.from({ length: 12 }, () => dataCall(op)));
    const numbers = results.map((r) => Number(r.folio!.slice(-5))).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(12);
    expect(numbers.at(-1)! - numbers[0]!).toBe(11);
  });

  it('keeps a draft per operator until the contact is saved', async () => {
    const op = await makeUser('operator');
    await saveDraft(ctx.db, op, { summary: 'a medias' });
    await saveDraft(ctx.db, op, { summary: 'a medias, más texto' });
    expect((await getDraft(ctx.db, op))?.data).toEqual({ summary: 'a medias, más texto' });
    await dataCall(op);
    expect(await getDraft(ctx.db, op)).toBeNull();
  });
});
