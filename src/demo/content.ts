import { eq, inArray } from 'drizzle-orm';
import type { Db } from '~db/client';
import { addDays, localDay, toInstant } from '~/lib/time';
import {
  type ContentChannel,
  type ContentStatus,
  contentApprovers,
  contentCampaigns,
  contentPostHistory,
  contentPosts,
  users,
} from '~db/schema';

const DAY = 86_400_000;
const TZ = process.env.ORG_TIMEZONE || 'America/Chihuahua';

/** `hour`:00 on a local day ("YYYY-MM-DD") in the organisation's zone. */
function at(day: string, hour: number): Date {
  return toInstant(`${day}T${String(hour).padStart(2, '0')}:00`, TZ);
}

interface DemoPost {
  title: string;
  when: Date;
  channels: ContentChannel[];
  copy: string;
  status: ContentStatus;
  assignee: string;
  variants?: Partial<Record<ContentChannel, string>>;
  publishedWhere?: string;
  publishedUrl?: string;
  comment?: { by: string; body: string };
}

/**
 * Two campaigns with posts in every status: 25N (the International Day for the Elimination of
 * Violence against Women) in November of this year, and a month against school bullying that
 * runs around today, so the calendar, the board and the reminders have something to show.
 */
export async function seedContentDemo(db: Db): Promise<void> {
  const people = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(users.email, [
        'comunicacion@vinculo.test',
        'supervision@vinculo.test',
        'coordinacion@vinculo.test',
      ]),
    );
  const id = (email: string) => people.find((p) => p.email === email)?.id ?? null;
  const comms = 'comunicacion@vinculo.test';
  const sup = 'supervision@vinculo.test';
  const admin = 'coordinacion@vinculo.test';
  const now = new Date();
  const year = now.getUTCFullYear();
  const nov = (day: number, hour = 10) => at(`${year}-11-${String(day).padStart(2, '0')}`, hour);
  const today = localDay(now, TZ);
  const rel = (days: number, hour = 10) => at(addDays(today, days), hour);

  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: contentCampaigns.id }).from(contentCampaigns).limit(1);
    if (existing) return;
    if (id(comms))
      await tx
        .insert(contentApprovers)
        .values({ userId: id(comms)!, addedById: id(admin) })
        .onConflictDoNothing();

    const [c25n] = await tx
      .insert(contentCampaigns)
      .values({
        name: 'Noviembre: Día contra la violencia hacia las mujeres (25N)',
        goal: 'Que más mujeres de Chihuahua y Ciudad Juárez sepan que pueden llamar a la línea para recibir orientación legal y psicológica gratuita, y que denunciar es su derecho.',
        audience: 'Mujeres de 18 a 45 años, sus familias y redes de apoyo',
        startsOn: `${year}-11-01`,
        endsOn: `${year}-11-30`,
        color: '#c2410c',
        ownerId: id(comms),
        status: now.getUTCMonth() === 10 ? 'active' : now.getUTCMonth() > 10 ? 'finished' : 'planned',
      })
      .returning({ id: contentCampaigns.id });
    const [bullying] = await tx
      .insert(contentCampaigns)
      .values({
        name: 'Escuelas sin acoso: mes contra el acoso escolar',
        goal: 'Que alumnado, madres, padres y docentes reconozcan el acoso escolar y sepan a quién acudir; y que más escuelas pidan la plática de prevención.',
        audience: 'Secundarias y preparatorias de Chihuahua y Juárez; madres y padres de familia',
        startsOn: addDays(today, -7),
        endsOn: addDays(today, 30),
        color: '#1d4ed8',
        ownerId: id(comms),
        status: 'active',
      })
      .returning({ id: contentCampaigns.id });

    // 25N: what is already past went out; what is ahead is at various stages.
    const n25: DemoPost[] = [
      {
        title: 'Convocatoria: Día Naranja en la Plaza de Armas',
        when: nov(10),
        channels: ['facebook', 'instagram'],
        copy: 'Este 25 de noviembre pintamos Chihuahua de naranja 🧡. Acompáñanos en la Plaza de Armas a las 17:00 h. Si vives violencia, no estás sola: la Línea Ciudadana te escucha, gratis y en confianza.',
        status: 'published',
        assignee: comms,
        publishedWhere: 'Página de Facebook e Instagram de la Línea',
        publishedUrl: 'https://www.facebook.com/lineaciudadana/posts/25n-dia-naranja',
      },
      {
        title: 'Infografía: el violentómetro',
        when: nov(18),
        channels: ['instagram', 'facebook', 'whatsapp'],
        copy: 'La violencia no empieza con un golpe. Revisa el violentómetro: bromas hirientes, celos, control del celular… Si reconoces alguna señal, llámanos. Te orientamos sin juzgarte.',
        status: 'published',
        assignee: comms,
        publishedWhere: 'Instagram y lista de difusión de WhatsApp',
      },
      {
        title: 'Hilo: tus derechos al denunciar violencia familiar',
        when: nov(22),
        channels: ['x'],
        copy: 'Denunciar violencia familiar es tu derecho. En la Fiscalía deben tomarte la denuncia aunque no tengas testigos, y puedes pedir medidas de protección. Te acompañamos: llámanos.',
        status: 'cancelled',
        assignee: comms,
        comment: {
          by: sup,
          body: 'Lo cancelamos: el hilo de la Fiscalía del Estado ya cubre esto; mejor compartimos el suyo.',
        },
      },
      {
        title: '25N: mensaje de la coordinación',
        when: nov(25, 9),
        channels: ['facebook', 'instagram', 'x'],
        copy: 'Hoy, Día Internacional de la Eliminación de la Violencia contra la Mujer, recordamos que pedir ayuda es un acto de valentía. La Línea Ciudadana ofrece asesoría legal y psicológica gratuita y confidencial.',
        variants: {
          x: 'Hoy es #25N. Pedir ayuda es un acto de valentía 🧡 Asesoría legal y psicológica gratuita y confidencial: lineaciudadana.org.mx',
        },
        status: 'scheduled',
        assignee: comms,
      },
      {
        title: 'Video: testimonio (anónimo) de una usuaria',
        when: nov(27),
        channels: ['tiktok', 'instagram'],
        copy: 'Ella llamó una noche sin saber qué hacer. Hoy nos cuenta, con la voz cambiada, qué le ayudó. #NoEstásSola',
        status: 'in_review',
        assignee: comms,
        comment: { by: comms, body: 'Falta confirmar que el consentimiento firmado cubre redes sociales.' },
      },
      {
        title: 'Agradecimiento y cifras de la jornada',
        when: nov(29),
        channels: ['facebook'],
        copy: '',
        status: 'idea',
        assignee: comms,
      },
    ];
    // School bullying: around today, including one due tomorrow that still needs work.
    const school: DemoPost[] = [
      {
        title: 'Arranque: “Escuelas sin acoso”',
        when: rel(-5),
        channels: ['facebook', 'instagram'],
        copy: 'Este mes hablamos de acoso escolar. Si tu hija o tu hijo cambió de ánimo, no quiere ir a la escuela o llega con cosas rotas, puede estar pasando algo. Escúchale y llámanos.',
        status: 'published',
        assignee: comms,
        publishedWhere: 'Facebook e Instagram de la Línea',
      },
      {
        title: 'Carrusel: 5 señales de acoso escolar',
        when: rel(1, 12),
        channels: ['instagram'],
        copy: '1. No quiere ir a la escuela. 2. Pierde útiles o dinero. 3. Duerme mal. 4. Se aísla. 5. Cambia su forma de comer. Si reconoces varias, habla con la escuela y llámanos.',
        status: 'draft',
        assignee: comms,
        comment: { by: sup, body: 'Agreguemos al final el teléfono de la línea y el horario.' },
      },
      {
        title: 'Volante para secundarias de Juárez',
        when: rel(3),
        channels: ['print'],
        copy: '¿Te molestan en la escuela? No es tu culpa y no tienes que aguantarlo. Habla con alguien de confianza o llama gratis a la Línea Ciudadana.',
        status: 'approved',
        assignee: comms,
      },
      {
        title: 'Invitación: plática para madres y padres en la Secundaria Técnica 3',
        when: rel(6),
        channels: ['facebook', 'whatsapp'],
        copy: 'Madres y padres: les invitamos a la plática «Cómo acompañar a tu hijo o hija si sufre acoso escolar», en la Secundaria Técnica No. 3 de Chihuahua. Entrada libre.',
        status: 'in_review',
        assignee: comms,
      },
      {
        title: 'Reel: qué hacer si ves que molestan a alguien',
        when: rel(10),
        channels: ['tiktok', 'instagram'],
        copy: '',
        status: 'idea',
        assignee: comms,
      },
      {
        title: 'Nota para el sitio: protocolo de atención del acoso escolar',
        when: rel(14),
        channels: ['website'],
        copy: 'Explicamos paso a paso qué debe hacer la escuela cuando se reporta un caso de acoso, qué puede exigir la familia y dónde pedir orientación.',
        status: 'draft',
        assignee: admin,
      },
    ];

    const insert = async (campaignId: number, posts: DemoPost[]) => {
      for (const p of posts) {
        // Seeded after its date, a scheduled post has gone out.
        if (p.status === 'scheduled' && p.when < now)
          Object.assign(p, { status: 'published', publishedWhere: 'Facebook, Instagram y X de la Línea' });
        const [row] = await tx
          .insert(contentPosts)
          .values({
            campaignId,
            title: p.title,
            channels: p.channels,
            plannedAt: p.when,
            copy: p.copy,
            variants: p.variants ?? {},
            status: p.status,
            assigneeId: id(p.assignee),
            createdById: id(comms),
            ...(p.status === 'published'
              ? {
                  publishedAt: p.when,
                  publishedById: id(comms),
                  publishedWhere: p.publishedWhere ?? 'Redes de la Línea',
                  publishedUrl: p.publishedUrl ?? null,
                }
              : {}),
          })
          .returning({ id: contentPosts.id });
        const createdAt = new Date(Math.min(p.when.getTime(), now.getTime()) - 10 * DAY);
        await tx.insert(contentPostHistory).values({
          postId: row!.id,
          kind: 'created',
          toStatus: 'idea',
          actorUserId: id(comms),
          at: createdAt,
        });
        if (p.status !== 'idea') {
          await tx.insert(contentPostHistory).values({
            postId: row!.id,
            kind: 'status',
            fromStatus: 'idea',
            toStatus: p.status,
            actorUserId: id(p.status === 'approved' || p.status === 'scheduled' ? sup : comms),
            at: new Date(createdAt.getTime() + 2 * DAY),
          });
        }
        if (p.comment)
          await tx.insert(contentPostHistory).values({
            postId: row!.id,
            kind: 'comment',
            body: p.comment.body,
            actorUserId: id(p.comment.by),
            at: new Date(createdAt.getTime() + 3 * DAY),
          });
      }
    };
    await insert(c25n!.id, n25);
    await insert(bullying!.id, school);
  });
}

/** For tests: the demo campaign ids by name. */
export async function demoCampaignId(db: Db, name: string): Promise<number | null> {
  const [row] = await db
    .select({ id: contentCampaigns.id })
    .from(contentCampaigns)
    .where(eq(contentCampaigns.name, name));
  return row?.id ?? null;
}
