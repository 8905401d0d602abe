import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contentApprovers, contentPostHistory, contentPosts, mailOutbox, users } from '~db/schema';
import { addApprover, contentPermissions } from '~/features/content/permissions.server';
import {
  addComment,
  createPost,
  getPost,
  listPosts,
  movePost,
  transitionPost,
  updatePost,
} from '~/features/content/posts.server';
import { PostFormSchema } from '~/features/content/schemas';
import { TRANSITIONS } from '~/features/content/status';
import { sendContentReminders } from '~/features/content/reminders.server';
import { exportPlanCsv } from '~/features/content/export.server';
import { toLocalInput } from '~/lib/time';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: '10.0.0.9' };
const DAY = 86_400_000;

describeEachDb('content posts', (ctx) => {
  let n = 0;
  async function makeUser(role: 'admin' | 'supervisor' | 'operator' | 'comms') {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Persona ${++n} Prueba`,
        email: `c${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role: u!.role, email: u!.email };
  }
  function form(overrides: Record<string, unknown> = {}) {
    const parsed = PostFormSchema.safeParse({
      title: 'Cartel 25N',
      channels: ['facebook', 'x'],
      plannedAt: toLocalInput(new Date(Date.now() + 3 * DAY), TZ),
      copy: 'Si vives violencia, llámanos: es gratuito y confidencial.',
      language: 'es',
      ...overrides,
    });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return parsed.data;
  }
  async function newPost(
    actor: { id: number; role: 'comms' | 'admin' | 'supervisor' | 'operator' },
    overrides: Record<string, unknown> = {},
  ) {
    const r = await createPost(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ }),
      form(overrides),
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    const [p] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, r.data.id));
    return p!;
  }

  it('walks a post through the whole workflow, recording who published it and where', async () => {
    const comms = await makeUser('comms');
    const sup = await makeUser('supervisor');
    let post = await newPost(comms);
    expect(post.status).toBe('draft');
    const steps = [
      { by: comms, to: 'in_review' },
      { by: sup, to: 'approved' },
      { by: comms, to: 'scheduled' },
    ] as const;
    for (const step of steps) {
      const r = await transitionPost(makeStaffContext({ db: ctx.db, user: step.by, ip: meta.ip }), {
        id: post.id,
        version: post.version,
        to: step.to,
        note: '',
        publishedWhere: '',
        publishedUrl: '',
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      [post] = (await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id))) as [
        typeof post,
      ];
    }
    const published = await transitionPost(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      id: post.id,
      version: post.version,
      to: 'published',
      note: '',
      publishedWhere: 'Página de Facebook',
      publishedUrl: 'https://facebook.com/lineaciudadana/posts/1',
    });
    expect(published.ok).toBe(true);
    const full = await getPost(ctx.db, post.id);
    expect(full!.post.status).toBe('published');
    expect(full!.post.publishedById).toBe(comms.id);
    expect(full!.post.publishedWhere).toBe('Página de Facebook');
    expect(full!.history.filter((h) => h.kind === 'status').map((h) => h.toStatus)).toEqual([
      'published',
      'scheduled',
      'approved',
      'in_review',
    ]);
  });

  it('refuses every move that is not in the transition table', async () => {
    const admin = await makeUser('admin');
    const allowed = new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}`));
    const statuses = [
      'idea',
      'draft',
      'in_review',
      'approved',
      'scheduled',
      'published',
      'cancelled',
    ] as const;
    const post = await newPost(admin);
    for (const from of statuses) {
      for (const to of statuses) {
        if (from === to || allowed.has(`${from}>${to}`)) continue;
        await ctx.db
          .update(contentPosts)
          .set({ status: from, publishedAt: new Date(), publishedWhere: 'x' })
          .where(eq(contentPosts.id, post.id));
        const [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
        const r = await transitionPost(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), {
          id: post.id,
          version: cur!.version,
          to,
          note: '',
          publishedWhere: 'x',
          publishedUrl: '',
        });
        expect(r.ok, `${from} → ${to}`).toBe(false);
      }
    }
  });

  it('lets only admins, supervisors and listed comms leads approve; operators change nothing', async () => {
    const writer = await makeUser('comms');
    const lead = await makeUser('comms');
    const admin = await makeUser('admin');
    const operator = await makeUser('operator');
    const post = await newPost(writer);
    let [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    await transitionPost(makeStaffContext({ db: ctx.db, user: writer, ip: meta.ip }), {
      id: post.id,
      version: cur!.version,
      to: 'in_review',
      note: '',
      publishedWhere: '',
      publishedUrl: '',
    });
    [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    const approve = {
      id: post.id,
      version: cur!.version,
      to: 'approved' as const,
      note: '',
      publishedWhere: '',
      publishedUrl: '',
    };
    const byWriter = await transitionPost(
      makeStaffContext({ db: ctx.db, user: writer, ip: meta.ip }),
      approve,
    );
    expect(byWriter.ok).toBe(false);
    expect(!byWriter.ok && byWriter.formError).toMatch(/Solo coordinación, supervisión/);
    expect(
      await transitionPost(makeStaffContext({ db: ctx.db, user: operator, ip: meta.ip }), approve),
    ).toEqual({
      ok: false,
      errors: {},
      formError: 'Tu rol solo puede consultar el calendario de contenido.',
    });
    expect(
      await createPost(makeStaffContext({ db: ctx.db, user: operator, ip: meta.ip, zone: TZ }), form()),
    ).toEqual({
      ok: false,
      errors: {},
      formError: 'Tu rol solo puede consultar el calendario de contenido.',
    });
    expect(await addComment(makeStaffContext({ db: ctx.db, user: operator }), post.id, 'hola')).toEqual({
      ok: false,
      errors: {},
      formError: 'Tu rol solo puede consultar el calendario de contenido.',
    });
    // A comms user added by an admin becomes a lead.
    expect(await addApprover(makeStaffContext({ db: ctx.db, user: writer, ip: meta.ip }), lead.id)).toEqual({
      ok: false,
      errors: { userId: 'Solo coordinación puede cambiar quién aprueba.' },
    });
    expect((await addApprover(makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip }), lead.id)).ok).toBe(
      true,
    );
    expect((await contentPermissions(ctx.db, lead)).canApprove).toBe(true);
    expect((await contentPermissions(ctx.db, writer)).canApprove).toBe(false);
    expect(
      (await transitionPost(makeStaffContext({ db: ctx.db, user: lead, ip: meta.ip }), approve)).ok,
    ).toBe(true);
    await ctx.db.delete(contentApprovers).where(eq(contentApprovers.userId, lead.id));
    expect((await contentPermissions(ctx.db, lead)).canApprove).toBe(false);
  });

  it('sends approved copy back to draft when its words change, and refuses a stale version', async () => {
    const admin = await makeUser('admin');
    const post = await newPost(admin);
    await ctx.db.update(contentPosts).set({ status: 'approved' }).where(eq(contentPosts.id, post.id));
    const same = await updatePost(
      makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip, zone: TZ }),
      post.id,
      post.version,
      form({ title: 'Nuevo título' }),
    );
    expect(same.ok && same.data.reopened).toBe(false);
    const stale = await updatePost(
      makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip, zone: TZ }),
      post.id,
      post.version,
      form({ copy: 'Otro texto' }),
    );
    expect(stale).toEqual({
      ok: false,
      errors: {},
      formError:
        'Alguien más cambió esta publicación mientras la tenías abierta. Recarga la página para ver la versión actual.',
    });
    const changed = await updatePost(
      makeStaffContext({ db: ctx.db, user: admin, ip: meta.ip, zone: TZ }),
      post.id,
      post.version + 1,
      form({ copy: 'Otro texto' }),
    );
    expect(changed.ok && changed.data.reopened).toBe(true);
    const [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    expect(cur!.status).toBe('draft');
  });

  it('moves a post by drag only into the future and never a published one', async () => {
    const comms = await makeUser('comms');
    const post = await newPost(comms);
    const past = await movePost(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      id: post.id,
      version: post.version,
      start: new Date(Date.now() - DAY),
    });
    expect(past).toEqual({ ok: false, message: 'No se puede programar una publicación en el pasado.' });
    const target = new Date(Date.now() + 5 * DAY);
    const moved = await movePost(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      id: post.id,
      version: post.version,
      start: target,
    });
    expect(moved.ok).toBe(true);
    const [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    expect(cur!.plannedAt.getTime()).toBe(target.getTime());
    const again = await movePost(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      id: post.id,
      version: post.version,
      start: target,
    });
    expect(again).toEqual({
      ok: false,
      message:
        'Alguien más cambió esta publicación mientras la tenías abierta. Recarga la página para ver la versión actual.',
    }); // stale version from before the first move
    await ctx.db
      .update(contentPosts)
      .set({ status: 'published', publishedAt: new Date(), publishedWhere: 'Facebook' })
      .where(eq(contentPosts.id, post.id));
    const frozen = await movePost(makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip }), {
      id: post.id,
      version: cur!.version,
      start: target,
    });
    expect(frozen).toEqual({ ok: false, message: 'Una publicación publicada no se puede mover.' });
    const operator = await makeUser('operator');
    expect(
      await movePost(makeStaffContext({ db: ctx.db, user: operator, ip: meta.ip }), {
        id: post.id,
        version: cur!.version,
        start: target,
      }),
    ).toEqual({ ok: false, message: 'Tu rol solo puede consultar el calendario de contenido.' });
  });

  it('filters by channel, campaign-less, assignee and status', async () => {
    const comms = await makeUser('comms');
    const a = await newPost(comms, {
      channels: ['tiktok'],
      title: 'Solo TikTok',
      assigneeId: String(comms.id),
    });
    const rows = await listPosts(ctx.db, { canal: 'tiktok' });
    expect(rows.map((r) => r.id)).toContain(a.id);
    expect(rows.every((r) => r.channels.includes('tiktok'))).toBe(true);
    const mine = await listPosts(ctx.db, { responsable: comms.id, estado: 'draft' });
    expect(mine.map((r) => r.id)).toEqual([a.id]);
  });

  it('keeps comments in the history with who wrote them', async () => {
    const comms = await makeUser('comms');
    const post = await newPost(comms);
    expect(
      (
        await addComment(
          makeStaffContext({ db: ctx.db, user: comms }),
          post.id,
          'Falta el teléfono de la línea.',
        )
      ).ok,
    ).toBe(true);
    const full = await getPost(ctx.db, post.id);
    const comment = full!.history.find((h) => h.kind === 'comment');
    expect(comment?.body).toBe('Falta el teléfono de la línea.');
    expect(comment?.actorName).toMatch(/Persona/);
  });

  it('reminds the assignee once about tomorrow’s unapproved posts, never twice', async () => {
    const comms = await makeUser('comms');
    const now = new Date('2026-11-25T18:00:00Z'); // 11:00 in Chihuahua
    const tomorrowNoon = new Date('2026-11-26T19:00:00Z');
    const [pending] = await ctx.db
      .insert(contentPosts)
      .values({
        title: 'Recordatorio del taller',
        channels: ['facebook'],
        plannedAt: tomorrowNoon,
        status: 'draft',
        assigneeId: comms.id,
      })
      .returning();
    await ctx.db.insert(contentPosts).values([
      {
        title: 'Ya aprobada',
        channels: ['facebook'],
        plannedAt: tomorrowNoon,
        status: 'approved',
        assigneeId: comms.id,
      },
      {
        title: 'Pasado mañana',
        channels: ['facebook'],
        plannedAt: new Date('2026-11-28T01:00:00Z'),
        status: 'draft',
        assigneeId: comms.id,
      },
    ]);
    const mailCtx = { now, timeZone: TZ, publicUrl: 'https://vinculo.example', orgName: 'Línea Ciudadana' };
    expect(await sendContentReminders(ctx.db, mailCtx)).toBe(1);
    expect(await sendContentReminders(ctx.db, { ...mailCtx, now: new Date(now.getTime() + 3_600_000) })).toBe(
      0,
    );
    const mails = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, comms.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Recordatorio del taller');
    expect(mails[0]!.text).toContain(`/app/contenido/publicaciones/${pending!.id}`);
  });

  it('exports the plan as Excel-safe CSV', async () => {
    const comms = await makeUser('comms');
    const plannedAt = new Date('2027-03-10T17:00:00Z');
    await ctx.db.insert(contentPosts).values({
      title: '=HYPERLINK("http://malo")',
      channels: ['x'],
      plannedAt,
      copy: 'Dijo "hola", y luego\nadiós',
      assigneeId: comms.id,
    });
    const csv = await exportPlanCsv(ctx.db, { from: '2027-03-10', to: '2027-03-10' }, TZ);
    expect(csv.startsWith('\uFEFFFecha,Hora,Título')).toBe(true);
    expect(csv).toContain(`2027-03-10,11:00,"'=HYPERLINK(""http://malo"")"`);
    expect(csv).toContain('"Dijo ""hola"", y luego\nadiós"');
    const outside = await exportPlanCsv(ctx.db, { from: '2027-03-11', to: '2027-03-12' }, TZ);
    expect(outside.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('the form obeys the same date rules as the calendar', async () => {
    const comms = await makeUser('comms');
    const past = toLocalInput(new Date(Date.now() - 2 * DAY), TZ);
    const refused = await createPost(
      makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip, zone: TZ }),
      form({ plannedAt: past }),
    );
    expect(refused).toEqual({
      ok: false,
      errors: { plannedAt: 'No se puede programar una publicación en el pasado.' },
    });
    // A post whose date has passed can still get its words fixed, but not a new past date.
    const post = await newPost(comms);
    await ctx.db
      .update(contentPosts)
      .set({ plannedAt: new Date(Date.now() - DAY) })
      .where(eq(contentPosts.id, post.id));
    const [cur] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    const fixed = await updatePost(
      makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip, zone: TZ }),
      post.id,
      cur!.version,
      form({ plannedAt: toLocalInput(cur!.plannedAt, TZ), copy: 'Texto corregido' }),
    );
    expect(fixed.ok).toBe(true);
    const [after] = await ctx.db.select().from(contentPosts).where(eq(contentPosts.id, post.id));
    expect(after!.plannedAt.getTime()).toBe(cur!.plannedAt.getTime());
    const moved = await updatePost(
      makeStaffContext({ db: ctx.db, user: comms, ip: meta.ip, zone: TZ }),
      post.id,
      after!.version,
      form({ plannedAt: toLocalInput(new Date(Date.now() - 3 * DAY), TZ) }),
    );
    expect(moved).toEqual({
      ok: false,
      errors: { plannedAt: 'No se puede programar una publicación en el pasado.' },
    });
  });

  it('writes a history row for creation', async () => {
    const comms = await makeUser('comms');
    const post = await newPost(comms, { copy: '' });
    expect(post.status).toBe('idea');
    const history = await ctx.db
      .select()
      .from(contentPostHistory)
      .where(eq(contentPostHistory.postId, post.id));
    expect(history.map((h) => h.kind)).toEqual(['created']);
  });
});
