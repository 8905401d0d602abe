import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, caseCategories, caseNotes, cases, contacts, users } from '~db/schema';
import { addCaseNote, changeCaseStatus, getCaseTimeline } from '~/features/cases/case-detail.server';
import { type Actor, createContact, getDraft, saveDraft, searchCases } from '~/features/cases/cases.server';
import {
  anonymizeExpiredCases,
  getRetentionYears,
  purgeStaleDrafts,
  retentionStatus,
  setRetentionYears,
} from '~/features/cases/retention.server';
import { CaseSearchSchema, ContactSchema } from '~/features/cases/schemas';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: null };

describeEachDb('case retention', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Retención ${++n}`,
        email: `ret${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role };
  }
  async function caseClosedAt(actor: Actor, name: string, closedAt: Date | null) {
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Fraude'));
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '10',
        callType: 'data',
        callerRole: 'victim',
        personName: name,
        ageRange: '60+',
        followUpConsent: 'on',
        followUpPhone: '614 100 2000',
        privacyNoticeGiven: 'on',
        categories: [cat!.id],
        summary: `${name} perdió sus ahorros en un fraude telefónico.`,
      }),
    );
    if (!saved.ok) throw new Error('case');
    await addCaseNote(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
      saved.folio!,
      `Hablar con la hija de ${name}.`,
    );
    if (closedAt) {
      await changeCaseStatus(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
        saved.folio!,
        'closed',
      );
      await ctx.db.update(cases).set({ closedAt }).where(eq(cases.folio, saved.folio!));
    }
    return saved.folio!;
  }

  it('anonymises closed cases past the period, keeps the statistics, and leaves the rest alone', async () => {
    const op = await makeUser('operator');
    const sup = await makeUser('supervisor');
    const now = new Date('2026-11-25T12:00:00Z');
    const old = await caseClosedAt(op, 'Herminia Zubiate Olivas', new Date('2020-06-01T00:00:00Z'));
    const recent = await caseClosedAt(op, 'Herminia Recién Cerrada', new Date('2025-06-01T00:00:00Z'));
    const open = await caseClosedAt(op, 'Herminia Caso Abierto', null);
    expect(await getRetentionYears(ctx.db)).toBe(5);
    expect((await retentionStatus(ctx.db, now)).due).toBeGreaterThanOrEqual(1);

    expect(await anonymizeExpiredCases(ctx.db, now)).toBeGreaterThanOrEqual(1);
    const [c] = await ctx.db.select().from(cases).where(eq(cases.folio, old));
    expect(c).toMatchObject({ personName: '', personPhone: '' });
    expect(c!.anonymizedAt).toBeInstanceOf(Date);
    const [contact] = await ctx.db.select().from(contacts).where(eq(contacts.caseId, c!.id));
    expect(contact).toMatchObject({ personName: '', followUpPhone: '', ageRange: '60+' });
    expect(contact!.summary).not.toContain('Herminia');
    const notes = await ctx.db.select().from(caseNotes).where(eq(caseNotes.caseId, c!.id));
    expect(notes.every((x) => !x.body.includes('Herminia'))).toBe(true);
    const timeline = await getCaseTimeline(makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip }), old);
    expect(timeline!.timeline.find((t) => t.kind === 'contact')).toMatchObject({
      contact: { categories: ['Fraude'] },
    });
    const found = await searchCases(
      makeStaffContext({ db: ctx.db, user: sup, ip: meta.ip, zone: TZ }),
      CaseSearchSchema.parse({ name: 'Herminia' }),
    );
    expect(found.rows.map((r) => r.folio).sort()).toEqual([recent, open].sort());
    const audit = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'case.anonymize'));
    expect(audit.map((a) => a.entityId)).toContain(String(c!.id));
    // Idempotent.
    expect(await anonymizeExpiredCases(ctx.db, now)).toBe(0);
  });

  it('follows the period set by an admin', async () => {
    const admin = await makeUser('admin');
    const op = await makeUser('operator');
    const folio = await caseClosedAt(op, 'Ramona Plazo Corto', new Date('2025-01-10T00:00:00Z'));
    const now = new Date('2026-11-25T12:00:00Z');
    const row = async () => (await ctx.db.select().from(cases).where(eq(cases.folio, folio)))[0]!;
    await anonymizeExpiredCases(ctx.db, now);
    expect((await row()).personName).toBe('Ramona Plazo Corto');
    await setRetentionYears(ctx.db, admin.id, 1, null);
    expect(await getRetentionYears(ctx.db)).toBe(1);
    expect(await anonymizeExpiredCases(ctx.db, now)).toBeGreaterThanOrEqual(1);
    expect(await row()).toMatchObject({ personName: '', personPhone: '' });
  });

  it('drops drafts untouched for a week', async () => {
    const fresh = await makeUser('operator');
    const stale = await makeUser('operator');
    await saveDraft(ctx.db, fresh, { summary: 'reciente' });
    await saveDraft(ctx.db, stale, { summary: 'olvidado' });
    const inTenDays = new Date(Date.now() + 10 * 86_400_000);
    await saveDraft(ctx.db, fresh, { summary: 'reciente' });
    expect(await purgeStaleDrafts(ctx.db, new Date(Date.now() + 3 * 86_400_000))).toBe(0);
    expect(await purgeStaleDrafts(ctx.db, inTenDays)).toBeGreaterThanOrEqual(2);
    expect(await getDraft(ctx.db, stale)).toBeNull();
  });
});
