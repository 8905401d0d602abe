import { eq } from 'drizzle-orm';
import type { Db } from '~db/client';
import { eventRegistrations, events, privacyNotices, users } from '~db/schema';
import { toInstant, toLocalInput } from '~/lib/time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PEOPLE = [
  ['María Guadalupe Rascón Holguín', 'lupita.rascon@correo.test', '08019'],
  ['José Antonio Baeza Terrazas', 'jabaeza@correo.test', '08019'],
  ['Karla Yesenia Domínguez Loera', 'karla.dominguez@correo.test', '08037'],
  ['Luis Fernando Quezada Ochoa', 'lf.quezada@correo.test', '08037'],
  ['Ana Sofía Chacón Villalobos', 'anasofia.chacon@correo.test', '08019'],
  ['Héctor Manuel Ruiz Sáenz', 'hector.ruiz@correo.test', '08017'],
  ['Rosa Elena Gardea Márquez', 'rosa.gardea@correo.test', '08037'],
  ['Juan Carlos Olivas Prieto', 'jc.olivas@correo.test', '08019'],
  ['Brenda Janeth Acosta Meléndez', 'brenda.acosta@correo.test', '08037'],
  ['Miguel Ángel Portillo Ramos', 'mangel.portillo@correo.test', '08019'],
  ['Daniela Alejandra Franco Ríos', 'dani.franco@correo.test', '08037'],
  ['Ricardo Ivan Sotelo Mendoza', 'ricardo.sotelo@correo.test', '08032'],
] as const;

const HEARD = [
  'redes_sociales',
  'escuela_trabajo',
  'amistades_familia',
  'linea_ciudadana',
  'radio_tv_prensa',
] as const;

/**
 * Demo events: one today in Chihuahua (to try the check-in screen), an upcoming fair in Ciudad
 * Juárez, a nearly full talk with a waiting list, and one past event with attendance. Dates are
 * relative to now so the demo always looks current. No mail is queued for demo registrations.
 */
export async function seedEventsDemo(db: Db): Promise<void> {
  const now = Date.now();
  // Demo events start at sensible local hours: `days` from today at `hour` in that city's zone.
  const at = (days: number, hour: number, zone = 'America/Chihuahua') => {
    const day = toLocalInput(new Date(now + days * DAY), zone).slice(0, 10);
    return toInstant(`${day}T${String(hour).padStart(2, '0')}:00`, zone);
  };
  const juarez = 'America/Ciudad_Juarez';
  // Today's event (for the check-in screen) starts at 18:00, or in an hour when that has passed.
  const todayStart = Math.max(at(0, 18).getTime(), Math.ceil((now + HOUR) / HOUR) * HOUR);
  const [notice] = await db
    .select({ id: privacyNotices.id })
    .from(privacyNotices)
    .where(eq(privacyNotices.kind, 'integral'));
  const [author] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'comunicacion@vinculo.test'));
  if (!notice) return;
  const base = {
    status: 'published' as const,
    createdBy: author?.id ?? null,
    publishedAt: new Date(now - 20 * DAY),
  };
  const inserted = await db
    .insert(events)
    .values([
      {
        ...base,
        slug: 'primeros-auxilios-psicologicos-docentes',
        title: 'Primeros auxilios psicológicos para docentes',
        summary:
          'Herramientas para escuchar y acompañar a un alumno o alumna después de una experiencia violenta, sin revictimizar.',
        description:
          'Taller práctico para personal docente y de orientación. Veremos cómo reconocer una crisis, qué decir y qué evitar, cómo contener sin prometer lo que no depende de nosotros y cuándo canalizar a la Línea Ciudadana.\n\nCupo limitado. Trae tu credencial de la escuela.',
        titleEn: 'Psychological first aid for teachers',
        summaryEn:
          'Tools to listen to and support a student after a violent experience, without harming them again.',
        descriptionEn:
          'A hands-on workshop for teachers and counsellors: how to recognise a crisis, what to say and what to avoid, how to steady someone without promising what is not in our hands, and when to refer them to the Línea Ciudadana.\n\nPlaces are limited. Bring your school ID.',
        place: 'Auditorio de la Biblioteca Central Carlos Montemayor',
        address: 'Av. Universidad y Calle 20 de Noviembre, Col. Centro',
        municipalityId: '08019',
        startsAt: new Date(todayStart),
        endsAt: new Date(todayStart + 2 * HOUR),
        capacity: 40,
        registrationOpensAt: new Date(now - 15 * DAY),
        registrationClosesAt: new Date(todayStart - HOUR / 2),
      },
      {
        ...base,
        slug: 'feria-prevencion-juarez',
        title: 'Feria de prevención y cultura de la denuncia',
        summary:
          'Módulos de asesoría legal y psicológica gratuita, actividades para niñas y niños, y orientación para presentar una denuncia.',
        description:
          'Una mañana en familia con módulos de la Línea Ciudadana, la Fiscalía y organizaciones de la sociedad civil. Habrá asesoría legal y psicológica gratuita y confidencial, pláticas cortas sobre extorsión telefónica y seguridad digital, y un área de juegos.\n\nLa entrada es libre; el registro nos ayuda a preparar material suficiente.',
        place: 'Centro Comunitario Francisco I. Madero',
        address: 'Calle Tlaxcala 450, Col. Francisco I. Madero',
        municipalityId: '08037',
        startsAt: at(9, 10, juarez),
        endsAt: at(9, 14, juarez),
        capacity: 120,
        registrationOpensAt: new Date(now - 5 * DAY),
        registrationClosesAt: at(8, 20, juarez),
      },
      {
        ...base,
        slug: 'extorsion-telefonica-chihuahua',
        title: 'Cómo actuar ante la extorsión telefónica',
        summary:
          'Las modalidades más comunes en Chihuahua, cómo cortar la llamada a tiempo y cómo denunciar.',
        description:
          'Plática abierta para madres y padres de familia, personas adultas mayores y público en general. Revisamos casos reales (sin datos personales), qué información nunca dar por teléfono y qué hacer si ya se pagó.',
        titleEn: 'What to do about phone extortion',
        summaryEn: 'The most common schemes in Chihuahua, how to hang up in time and how to report it.',
        descriptionEn:
          'An open talk for parents, older adults and the general public. We go through real cases (with no personal data), what never to share on the phone and what to do if you already paid.',
        place: 'Salón de usos múltiples del DIF Municipal',
        address: 'Calle Ojinaga 805, Col. Centro',
        municipalityId: '08019',
        startsAt: at(4, 17),
        endsAt: new Date(at(4, 17).getTime() + 90 * 60_000),
        capacity: 8,
        registrationOpensAt: new Date(now - 10 * DAY),
        registrationClosesAt: at(4, 12),
      },
      {
        ...base,
        slug: 'noviazgo-sin-violencia-juarez',
        title: 'Noviazgo sin violencia: charla para jóvenes',
        summary: 'Señales de control y violencia en las relaciones de pareja jóvenes, y cómo salir de ellas.',
        description:
          'Charla con dinámicas para estudiantes de preparatoria, con la participación de una psicóloga de la línea.',
        place: 'CBTIS 128, auditorio',
        address: 'Av. Tecnológico 1340',
        municipalityId: '08037',
        startsAt: at(-20, 11, juarez),
        endsAt: at(-20, 13, juarez),
        capacity: 80,
        registrationOpensAt: new Date(now - 40 * DAY),
        registrationClosesAt: at(-21, 20, juarez),
      },
    ])
    .onConflictDoNothing()
    .returning({ id: events.id, slug: events.slug, startsAt: events.startsAt });
  const bySlug = new Map(inserted.map((e) => [e.slug, e]));

  const person = (i: number) => PEOPLE[i % PEOPLE.length]!;
  const reg = (eventSlug: string, i: number, extra: Partial<typeof eventRegistrations.$inferInsert> = {}) => {
    const ev = bySlug.get(eventSlug)!;
    const [name, email, municipalityId] = person(i);
    const at = new Date(ev.startsAt.getTime() - (10 - (i % 7)) * DAY);
    return {
      eventId: ev.id,
      status: 'confirmed' as const,
      name,
      email: email.replace('@', `+${eventSlug.slice(0, 6)}@`),
      municipalityId,
      heardFrom: HEARD[i % HEARD.length]!,
      locale: 'es',
      privacyNoticeId: notice.id,
      consentedAt: at,
      confirmedAt: at,
      createdAt: at,
      ...extra,
    };
  };
  if (bySlug.size < 4) return; // already seeded
  await db.insert(eventRegistrations).values([
    ...[0, 1, 2, 4, 7, 9].map((i) => reg('primeros-auxilios-psicologicos-docentes', i)),
    reg('primeros-auxilios-psicologicos-docentes', 5, {
      isGroup: true,
      institutionName: 'Escuela Secundaria Técnica No. 3',
      groupSize: 6,
      phone: '614 410 2233',
    }),
    ...[2, 3, 6, 8, 10].map((i) => reg('feria-prevencion-juarez', i)),
    reg('feria-prevencion-juarez', 11, {
      isGroup: true,
      institutionName: 'Escuela Secundaria Estatal 3013',
      groupSize: 25,
      accessibilityNeeds: 'Dos estudiantes usan silla de ruedas.',
    }),
    ...[0, 1, 4, 5, 7, 9].map((i) => reg('extorsion-telefonica-chihuahua', i)),
    reg('extorsion-telefonica-chihuahua', 8, {
      isGroup: true,
      institutionName: 'Comité de vecinos Col. Dale',
      groupSize: 2,
    }),
    reg('extorsion-telefonica-chihuahua', 10, {
      status: 'waiting',
      confirmedAt: null,
      waitingSince: new Date(now - 2 * DAY),
    }),
    reg('extorsion-telefonica-chihuahua', 11, {
      status: 'waiting',
      confirmedAt: null,
      waitingSince: new Date(now - DAY),
    }),
    ...[2, 3, 6, 8, 10, 11].map((i) =>
      reg(
        'noviazgo-sin-violencia-juarez',
        i,
        i % 4 === 0
          ? {}
          : { attendedAt: new Date(at(-20, 11, juarez).getTime() - 10 * 60_000), attendedCount: 1 },
      ),
    ),
  ]);
}
