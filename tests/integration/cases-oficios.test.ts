import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { auditLog, caseCategories, oficios, users } from '~db/schema';
import { type Actor, createContact } from '~/features/cases/cases.server';
import {
  OFICIO_TRANSITIONS,
  applyOficioEvent,
  createOficio,
  getOficio,
  listOverdueOficios,
  markOverdueOficios,
} from '~/features/cases/oficios.server';
import { ContactSchema } from '~/features/cases/schemas';
import { saveOrganization } from '~/features/directory/directory.server';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: null };

it('has an explicit transition table with answered as the end', () => {
  expect(OFICIO_TRANSITIONS.answered).toEqual([]);
  expect(OFICIO_TRANSITIONS.draft).toEqual(['sent']);
  expect(OFICIO_TRANSITIONS.overdue).toEqual(['answered']);
});

describeEachDb('oficios', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Oficios ${++n}`,
        email: `of${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role };
  }
  async function setup() {
    const owner = await makeUser('operator');
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Lesiones dolosas'));
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip, zone: TZ }),
      ContactSchema.parse({
        channel: 'walk_in',
        durationMinutes: '30',
        callType: 'data',
        callerRole: 'victim',
        anonymous: 'on',
        categories: [cat!.id],
        summary: 'Lesiones en riña; pide saber cómo va su denuncia.',
      }),
    );
    if (!saved.ok) throw new Error('case');
    const org = await saveOrganization(makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }), {
      name: 'Fiscalía de Distrito Zona Centro',
      description: '',
      email: '',
      website: '',
    });
    if (!org.ok) throw new Error('org');
    const created = await createOficio(makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip, zone: TZ }), {
      folio: saved.folio!,
      addresseeOrganizationId: org.id,
      template: 'informacion',
    });
    if (!created.ok) throw new Error('oficio');
    return { owner, folio: saved.folio!, number: created.number! };
  }
  const status = async (number: string) =>
    (await ctx.db.select().from(oficios).where(eq(oficios.number, number)))[0]!;

  it('numbers oficios in their own series and fills the template with folio and authority only', async () => {
    const { number, folio } = await setup();
    expect(number).toMatch(/^OF-\d{4}-\d{4}$/);
    const o = await status(number);
    expect(o.status).toBe('draft');
    expect(o.body).toContain(folio);
    expect(o.body).toContain('Fiscalía de Distrito Zona Centro');
  });

  it('moves draft → sent → acknowledged → answered, refusing skipped or backward steps and bad dates', async () => {
    const { owner, number } = await setup();
    const today = '2026-11-25';
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'acknowledge', ackOn: today },
        today,
      ),
    ).toEqual({ ok: false, errors: { _form: 'Ese cambio no corresponde al estado actual del oficio.' } });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'send', sentOn: '2026-11-26', sentMethod: 'oficialia', responseDueOn: '2026-12-10' },
        today,
      ),
    ).toMatchObject({ ok: false, errors: { sentOn: expect.any(String) } });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'send', sentOn: '2026-11-20', sentMethod: 'oficialia', responseDueOn: '2026-11-19' },
        today,
      ),
    ).toMatchObject({ ok: false, errors: { responseDueOn: expect.any(String) } });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'send', sentOn: '2026-11-20', sentMethod: 'oficialia', responseDueOn: '2026-12-05' },
        today,
      ),
    ).toMatchObject({ ok: true });
    expect((await status(number)).status).toBe('sent');
    // No more editing once sent.
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        {
          type: 'edit',
          addresseeName: 'X',
          addresseeTitle: '',
          subject: 'Otro asunto',
          body: 'Otro texto que no debe entrar',
        },
        today,
      ),
    ).toEqual({ ok: false, errors: { body: 'Solo se puede editar un oficio en borrador.' } });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'acknowledge', ackOn: '2026-11-19' },
        today,
      ),
    ).toMatchObject({ ok: false, errors: { ackOn: expect.any(String) } });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'acknowledge', ackOn: '2026-11-21' },
        today,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        {
          type: 'answer',
          responseOn: '2026-11-24',
          responseSummary: 'Informan que la carpeta sigue en integración.',
        },
        today,
      ),
    ).toMatchObject({ ok: true });
    expect(await status(number)).toMatchObject({
      status: 'answered',
      ackOn: '2026-11-21',
      responseOn: '2026-11-24',
    });
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'answer', responseOn: '2026-11-25', responseSummary: 'Otra' },
        today,
      ),
    ).toEqual({ ok: false, errors: { _form: 'Ese cambio no corresponde al estado actual del oficio.' } });
  });

  it('marks unanswered oficios overdue after the due date and shows them in the queue of whoever sees the case', async () => {
    const { owner, number, folio } = await setup();
    const stranger = await makeUser('operator');
    const supervisor = await makeUser('supervisor');
    await applyOficioEvent(
      makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
      number,
      { type: 'send', sentOn: '2026-11-01', sentMethod: 'hand', responseDueOn: '2026-11-15' },
      '2026-11-02',
    );
    expect(await markOverdueOficios(ctx.db, '2026-11-15')).toBe(0);
    expect((await listOverdueOficios(ctx.db, owner, '2026-11-15')).map((o) => o.number)).not.toContain(
      number,
    );
    // Late even before the sweep runs.
    expect((await listOverdueOficios(ctx.db, owner, '2026-11-16')).map((o) => o.number)).toContain(number);
    expect(await markOverdueOficios(ctx.db, '2026-11-16')).toBeGreaterThanOrEqual(1);
    expect((await status(number)).status).toBe('overdue');
    expect(await markOverdueOficios(ctx.db, '2026-11-16')).toBe(0);
    expect((await listOverdueOficios(ctx.db, supervisor, '2026-11-16')).map((o) => o.folio)).toContain(folio);
    expect((await listOverdueOficios(ctx.db, stranger, '2026-11-16')).map((o) => o.number)).not.toContain(
      number,
    );
    // A late answer still closes it.
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        number,
        { type: 'answer', responseOn: '2026-11-20', responseSummary: 'Respuesta tardía.' },
        '2026-11-20',
      ),
    ).toMatchObject({ ok: true });
    expect((await listOverdueOficios(ctx.db, owner, '2026-11-25')).map((o) => o.number)).not.toContain(
      number,
    );
  });

  it('hides oficios of cases outside the scope and audits reads', async () => {
    const { number } = await setup();
    const stranger = await makeUser('operator');
    expect(await getOficio(makeStaffContext({ db: ctx.db, user: stranger, ip: meta.ip }), number)).toBeNull();
    expect(
      await applyOficioEvent(
        makeStaffContext({ db: ctx.db, user: stranger, ip: meta.ip }),
        number,
        { type: 'send', sentOn: '2026-11-20', sentMethod: 'email', responseDueOn: '2026-12-01' },
        '2026-11-25',
      ),
    ).toMatchObject({ ok: false, notFound: true });
    const supervisor = await makeUser('supervisor');
    const read = await getOficio(makeStaffContext({ db: ctx.db, user: supervisor, ip: meta.ip }), number);
    expect(read?.oficio.number).toBe(number);
    const rows = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'oficio.read'));
    expect(rows.some((r) => r.actorUserId === supervisor.id)).toBe(true);
  });
});
