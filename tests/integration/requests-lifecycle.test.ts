import { makeStaffContext } from '~/lib/server/context';
import { desc, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import {
  auditLog,
  mailOutbox,
  settings,
  users,
  workshopRequestHistory,
  workshopRequests,
  workshops,
} from '~db/schema';
import {
  getActiveWorkshopBySlug,
  listActiveWorkshops,
  saveWorkshop,
} from '~/features/requests/catalogue.server';
import {
  applyTransition,
  cancelByRequester,
  changeStatusByStaff,
  evaluateRequest,
  getRequestForStaff,
} from '~/features/requests/lifecycle.server';
import {
  type NotificationClient,
  notifiedVersion,
  readFingerprint,
} from '~/features/requests/public-cache.server';
import { submitRequest } from '~/features/requests/requests.server';
import { REQUEST_TRANSITIONS } from '~/features/requests/status';
import { STATUSES } from '~/features/requests/schemas';
import { describeEachDb } from '../helpers/db';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

describeEachDb('workshop requests: status, evaluation, catalogue', (ctx) => {
  let staff: { id: number };
  let topics: Awaited<ReturnType<typeof seedCatalogue>>;
  let n = 0;
  const meta = { ip: '10.4.0.1' };

  /** A fresh request through the public path; returns its id and private token. */
  async function newRequest() {
    topics ??= await seedCatalogue(ctx.db);
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { contactEmail: `ciclo${++n}@escuela.example.mx` }),
      { ip: `10.4.1.${n}`, locale: 'es', mail: MAIL },
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const [row] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, result.data.folio));
    const [mail] = await ctx.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.idempotencyKey, `request-received-${row!.id}`));
    return { id: row!.id, token: /\/solicitud\/([a-z2-7]+)/.exec(mail!.text)![1]!, email: row!.contactEmail };
  }
  const statusOf = async (id: number) =>
    (
      await ctx.db
        .select({ s: workshopRequests.status, reason: workshopRequests.statusReason })
        .from(workshopRequests)
        .where(eq(workshopRequests.id, id))
    )[0]!;

  it('lets staff move a request along the table, records history and e-mails the requester each time', async () => {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Jorge Armendáriz Loya',
        email: `staff-${Date.now()}@vinculo.test`,
        role: 'supervisor',
      })
      .returning();
    staff = { id: u!.id };
    const r = await newRequest();
    expect(
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'under_review', reason: '' },
        MAIL,
      ),
    ).toMatchObject({ ok: true, from: 'received' });
    expect(
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'declined', reason: 'No tenemos facilitadoras disponibles en esas fechas.' },
        MAIL,
      ),
    ).toMatchObject({ ok: true });
    expect(await statusOf(r.id)).toEqual({
      s: 'declined',
      reason: 'No tenemos facilitadoras disponibles en esas fechas.',
    });

    const detail = await getRequestForStaff(ctx.db, r.id);
    expect(detail!.history.map(({ h, actor }) => [h.fromStatus, h.toStatus, actor])).toEqual([
      [null, 'received', null],
      ['received', 'under_review', 'Jorge Armendáriz Loya'],
      ['under_review', 'declined', 'Jorge Armendáriz Loya'],
    ]);
    const mails = await ctx.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.toAddress, r.email))
      .orderBy(desc(mailOutbox.id));
    expect(mails.map((m) => m.template)).toEqual([
      'request.status.declined',
      'request.status.under_review',
      'request.received',
    ]);
    expect(mails[0]!.text).toContain('No tenemos facilitadoras disponibles');
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, String(r.id)));
    expect(audit.filter((a) => a.action === 'request.status')).toHaveLength(2);
  });

  it('refuses moves the table does not allow and declines without a reason, changing nothing', async () => {
    const r = await newRequest();
    expect(
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'completed', reason: '' },
        MAIL,
      ),
    ).toEqual({ ok: false, reason: 'not_allowed', from: 'received' });
    expect(
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'declined', reason: '   ' },
        MAIL,
      ),
    ).toEqual({ ok: false, reason: 'reason_required', from: 'received' });
    expect(
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: 999999, to: 'under_review', reason: '' },
        MAIL,
      ),
    ).toEqual({ ok: false, reason: 'not_found' });
    expect((await statusOf(r.id)).s).toBe('received');
    const history = await ctx.db
      .select()
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, r.id));
    expect(history).toHaveLength(1);
    const mails = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, r.email));
    expect(mails).toHaveLength(1);
  });

  it('follows the status table exactly for every pair and actor', async () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        for (const actor of ['staff', 'requester', 'scheduling'] as const) {
          const r = await newRequest();
          await ctx.db.update(workshopRequests).set({ status: from }).where(eq(workshopRequests.id, r.id));
          const result = await ctx.db.transaction((tx) =>
            applyTransition(tx, r.id, to, actor, 'Motivo de prueba', null),
          );
          const allowed = REQUEST_TRANSITIONS[from][to]?.includes(actor) ?? false;
          expect({ from, to, actor, ok: result.ok }).toEqual({ from, to, actor, ok: allowed });
          expect((await statusOf(r.id)).s).toBe(allowed ? to : from);
        }
      }
    }
  }, 120_000);

  it('lets the requester cancel with a reason through the link, once, and not a declined request', async () => {
    const r = await newRequest();
    expect(
      await cancelByRequester(ctx.db, r.token, 'Cambió el calendario escolar.', meta, MAIL),
    ).toMatchObject({ ok: true, from: 'received', to: 'cancelled' });
    expect(await statusOf(r.id)).toEqual({ s: 'cancelled', reason: 'Cambió el calendario escolar.' });
    expect(await cancelByRequester(ctx.db, r.token, 'Otra vez.', meta, MAIL)).toMatchObject({
      ok: false,
      reason: 'not_allowed',
    });
    expect(await cancelByRequester(ctx.db, 'a'.repeat(32), 'Sin enlace válido.', meta, MAIL)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    const history = await ctx.db
      .select()
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, r.id));
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'received',
      toStatus: 'cancelled',
      actorUserId: null,
    });

    const declined = await newRequest();
    await changeStatusByStaff(
      makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
      { id: declined.id, to: 'declined', reason: 'Fuera de nuestra zona.' },
      MAIL,
    );
    expect(await cancelByRequester(ctx.db, declined.token, 'Ya no.', meta, MAIL)).toMatchObject({
      ok: false,
      reason: 'not_allowed',
    });
  });

  it('two staff members acting on the same old status: only one move wins', async () => {
    const r = await newRequest();
    const results = await Promise.all([
      changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'declined', reason: 'Sin fechas.' },
        MAIL,
      ),
      changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to: 'cancelled', reason: 'Duplicada.' },
        MAIL,
      ),
    ]);
    // declined → cancelled is not in the table, nor cancelled → declined: the second one loses.
    expect(results.filter((x) => x.ok)).toHaveLength(1);
    expect(
      await ctx.db.select().from(workshopRequestHistory).where(eq(workshopRequestHistory.requestId, r.id)),
    ).toHaveLength(2);
  });

  it('takes one evaluation, only after the session took place', async () => {
    const r = await newRequest();
    const evaluation = { token: r.token, satisfaction: 4, useful: 'La ruta para denunciar.', comments: '' };
    expect(await evaluateRequest(ctx.db, evaluation)).toEqual({ ok: false, reason: 'not_completed' });
    for (const to of ['under_review', 'scheduled', 'completed'] as const)
      await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }),
        { id: r.id, to, reason: '' },
        MAIL,
      );
    const twice = await Promise.all([
      evaluateRequest(ctx.db, evaluation),
      evaluateRequest(ctx.db, { ...evaluation, satisfaction: 1 }),
    ]);
    expect(twice.filter((x) => x.ok)).toHaveLength(1);
    expect(await evaluateRequest(ctx.db, evaluation)).toEqual({ ok: false, reason: 'already' });
    expect(await evaluateRequest(ctx.db, { ...evaluation, token: 'b'.repeat(32) })).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect((await getRequestForStaff(ctx.db, r.id))!.evaluation).toMatchObject({
      useful: 'La ruta para denunciar.',
    });
  });

  it('edits the catalogue, refuses a taken slug, hides inactive entries and bumps the public version', async () => {
    const [first] = await ctx.db.select().from(workshops).limit(1);
    const v0 = await readFingerprint(ctx.db);
    const input = {
      id: first!.id,
      title: 'Acoso escolar: prevenir y atender',
      slug: first!.slug,
      summary: 'Cómo reconocer el acoso entre pares y qué hacer.',
      description: '',
      audience: 'Secundaria',
      durationMinutes: 90,
      modality: 'ambas' as const,
      active: true,
    };
    expect(await saveWorkshop(makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }), input)).toEqual({
      ok: true,
      id: first!.id,
    });
    const v1 = await readFingerprint(ctx.db);
    expect(v1).not.toBe(v0);
    expect((await getActiveWorkshopBySlug(ctx.db, first!.slug))!.title).toBe(
      'Acoso escolar: prevenir y atender',
    );

    const created = await saveWorkshop(makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }), {
      ...input,
      id: null,
      slug: `nuevo-${Date.now()}`,
      title: 'Taller nuevo',
    });
    expect(created.ok).toBe(true);
    expect(
      await saveWorkshop(makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }), {
        ...input,
        id: null,
        title: 'Otro',
      }),
    ).toEqual({
      ok: false,
      errors: { slug: 'Ya hay otro taller con esa dirección corta.' },
    });

    await saveWorkshop(makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }), {
      ...input,
      active: false,
    });
    expect(await getActiveWorkshopBySlug(ctx.db, first!.slug)).toBeNull();
    expect((await listActiveWorkshops(ctx.db)).map((w) => w.id)).not.toContain(first!.id);
    // A settings change made by other code also moves the version (trigger), so pages re-render.
    const v2 = await readFingerprint(ctx.db);
    await ctx.db.update(settings).set({ value: '614 765 4321' }).where(eq(settings.key, 'hotlinePhone'));
    expect(await readFingerprint(ctx.db)).not.toBe(v2);
  });

  // PostgreSQL reads the version per request batch instead (see the single-flight unit test).
  it.runIf(ctx.kind === 'pglite')(
    'with the embedded database, the pushed version has moved by the time the edit returns',
    async () => {
      const client = (ctx.db as unknown as { $client: NotificationClient }).$client;
      const version = await notifiedVersion(client, () => readFingerprint(ctx.db));
      expect(version()).toBe(await readFingerprint(ctx.db));
      const [w] = await ctx.db.select().from(workshops).limit(1);
      const before = version();
      await saveWorkshop(makeStaffContext({ db: ctx.db, user: staff, ip: meta.ip }), {
        id: w!.id,
        title: 'Título nuevo',
        slug: w!.slug,
        summary: w!.summary,
        description: '',
        audience: w!.audience,
        durationMinutes: 60,
        modality: 'ambas',
        active: true,
      });
      const after = version(); // no await in between: already updated
      expect(Number(after)).toBeGreaterThan(Number(before));
      expect(after).toBe(await readFingerprint(ctx.db));
      await ctx.db
        .update(settings)
        .set({ value: 'Lunes a viernes de 9:00 a 18:00 h' })
        .where(eq(settings.key, 'hours'));
      expect(version()).toBe(await readFingerprint(ctx.db));
    },
  );
});
