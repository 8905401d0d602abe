import { eq, inArray } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db, Tx } from '~db/client';
import {
  type ActivityType,
  activities,
  operatorBookings,
  privacyNotices,
  users,
  workshopRequestHistory,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { localYear, nextFolio } from '~/lib/server/folio';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { toInstant } from '~/lib/time';

const CHIH = 'America/Chihuahua';
const JRZ = 'America/Ciudad_Juarez';

/** The Nth working day (Mon–Fri) from today in Chihuahua; negative counts back. */
function workday(n: number): string {
  let d = Temporal.Now.plainDateISO(CHIH);
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    d = d.add({ days: step });
    if (d.dayOfWeek <= 5) left--;
  }
  return d.toString();
}

interface DemoRequest {
  institutionName: string;
  institutionType:
    'primaria' | 'secundaria' | 'preparatoria' | 'universidad' | 'empresa' | 'centro_comunitario';
  municipalityId: string;
  address: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  audienceDescription: string;
  audienceAges: string;
  expectedCount: number;
  topic: string;
}

interface DemoActivity {
  who: ('operadora' | 'operador' | 'supervision')[];
  type: ActivityType;
  title: string;
  day: number;
  from: string;
  to: string;
  zone: string;
  place: string;
  municipalityId: string | null;
  onlineUrl?: string;
  status: 'tentative' | 'confirmed' | 'done';
  notes?: string;
  request?: DemoRequest;
  attendance?: {
    total: number;
    women: number;
    men: number;
    adults: number;
    olderAdults: number;
    materials: string;
    notes: string;
  };
}

const DEMO: DemoActivity[] = [
  {
    who: ['operadora'],
    type: 'workshop',
    title: 'Prevención del acoso escolar',
    day: 1,
    from: '10:00',
    to: '11:00',
    zone: CHIH,
    place: 'Escuela Primaria Federal Miguel Hidalgo, Calle 20 de Noviembre 1204, Col. Centro',
    municipalityId: '08019',
    status: 'confirmed',
    request: {
      institutionName: 'Escuela Primaria Federal Miguel Hidalgo',
      institutionType: 'primaria',
      municipalityId: '08019',
      address: 'Calle 20 de Noviembre 1204, Col. Centro, Chihuahua',
      contactName: 'Mtra. Rosa Elena Bustillos',
      contactRole: 'Directora',
      contactEmail: 'direccion.hidalgo@escuelas.test',
      audienceDescription: 'Quinto y sexto grado, dos grupos',
      audienceAges: '10 a 12 años',
      expectedCount: 64,
      topic: 'prevencion-acoso-escolar',
    },
  },
  {
    who: ['operadora'],
    type: 'workshop',
    title: 'Noviazgo sin violencia',
    day: 2,
    from: '12:00',
    to: '13:30',
    zone: CHIH,
    place: 'Colegio de Bachilleres Plantel 2, Av. Pacheco 2906, Col. Pacífico',
    municipalityId: '08019',
    status: 'confirmed',
    request: {
      institutionName: 'Colegio de Bachilleres Plantel 2',
      institutionType: 'preparatoria',
      municipalityId: '08019',
      address: 'Av. Pacheco 2906, Col. Pacífico, Chihuahua',
      contactName: 'Lic. Óscar Trevizo',
      contactRole: 'Orientador educativo',
      contactEmail: 'orientacion.cobach2@escuelas.test',
      audienceDescription: 'Tercer semestre, turno matutino',
      audienceAges: '16 a 17 años',
      expectedCount: 90,
      topic: 'violencia-en-el-noviazgo',
    },
  },
  {
    who: ['operadora', 'supervision'],
    type: 'public_event',
    title: 'Feria de prevención en el Parque El Palomar',
    day: 3,
    from: '17:00',
    to: '19:00',
    zone: CHIH,
    place: 'Parque El Palomar, Av. Teófilo Borunda',
    municipalityId: '08019',
    status: 'confirmed',
    notes: 'Llevar carpa, mesa, trípticos y el banner de la línea.',
  },
  {
    who: ['operadora'],
    type: 'meeting',
    title: 'Reunión de coordinación con el DIF municipal',
    day: 4,
    from: '08:00',
    to: '09:00',
    zone: CHIH,
    place: 'DIF Municipal, Calle Díaz Ordaz y Calle 26',
    municipalityId: '08019',
    status: 'tentative',
  },
  {
    who: ['operadora'],
    type: 'workshop',
    title: 'Seguridad digital para adolescentes',
    day: 6,
    from: '15:00',
    to: '16:30',
    zone: CHIH,
    place: '',
    municipalityId: null,
    onlineUrl: 'https://meet.example.org/seguridad-digital-est3',
    status: 'tentative',
    notes: 'Sesión en línea para la Secundaria Técnica No. 3; confirmar con orientación.',
  },
  {
    who: ['operador'],
    type: 'workshop',
    title: 'Cómo actuar ante la extorsión telefónica',
    day: 1,
    from: '10:00',
    to: '11:30',
    zone: JRZ,
    place: 'Planta de arneses automotrices, Blvd. Manuel Talamás Camandari 7000',
    municipalityId: '08037',
    status: 'confirmed',
    request: {
      institutionName: 'Planta de arneses automotrices del Parque Industrial Antonio J. Bermúdez',
      institutionType: 'empresa',
      municipalityId: '08037',
      address: 'Blvd. Manuel Talamás Camandari 7000, Ciudad Juárez',
      contactName: 'Ing. Claudia Saucedo',
      contactRole: 'Jefa de Recursos Humanos',
      contactEmail: 'rh.arneses@empresas.test',
      audienceDescription: 'Personal de línea de producción, turno A',
      audienceAges: '18 a 55 años',
      expectedCount: 120,
      topic: 'extorsion-telefonica',
    },
  },
  {
    who: ['operador'],
    type: 'flyering',
    title: 'Volanteo en la Plaza de Armas',
    day: 2,
    from: '16:00',
    to: '18:00',
    zone: JRZ,
    place: 'Plaza de Armas, Centro Histórico',
    municipalityId: '08037',
    status: 'confirmed',
    notes: 'Campaña «Denunciar sí sirve»: 500 volantes.',
  },
  {
    who: ['operador'],
    type: 'field',
    title: 'Recorrido con el comité vecinal de la Col. Francisco I. Madero',
    day: 3,
    from: '08:00',
    to: '09:30',
    zone: JRZ,
    place: 'Centro Comunitario Francisco I. Madero, Calle Tlaxcala 450',
    municipalityId: '08037',
    status: 'tentative',
  },
  {
    who: ['operador', 'operadora'],
    type: 'training',
    title: 'Capacitación interna: primeros auxilios psicológicos',
    day: 5,
    from: '12:00',
    to: '14:00',
    zone: CHIH,
    place: 'Oficinas de la Línea Ciudadana, Calle Aldama 1510',
    municipalityId: '08019',
    status: 'confirmed',
  },
  {
    // Given yesterday; its attendance is still to be recorded.
    who: ['operadora'],
    type: 'workshop',
    title: 'Primeros auxilios psicológicos',
    day: -1,
    from: '16:00',
    to: '18:00',
    zone: CHIH,
    place: 'Facultad de Derecho, UACH, Circuito Universitario, Campus II',
    municipalityId: '08019',
    status: 'confirmed',
    request: {
      institutionName: 'Facultad de Derecho, UACH',
      institutionType: 'universidad',
      municipalityId: '08019',
      address: 'Circuito Universitario, Campus II, Chihuahua',
      contactName: 'Dra. Martha Elena Holguín',
      contactRole: 'Coordinadora de servicio social',
      contactEmail: 'servicio.social.derecho@uach.test',
      audienceDescription: 'Estudiantes de servicio social en clínicas jurídicas',
      audienceAges: '20 a 25 años',
      expectedCount: 45,
      topic: 'primeros-auxilios-psicologicos',
    },
  },
  {
    who: ['operador'],
    type: 'workshop',
    title: 'Cultura de la denuncia',
    day: -2,
    from: '10:00',
    to: '11:30',
    zone: JRZ,
    place: 'Centro Comunitario Francisco I. Madero, Calle Tlaxcala 450',
    municipalityId: '08037',
    status: 'done',
    request: {
      institutionName: 'Centro Comunitario Francisco I. Madero',
      institutionType: 'centro_comunitario',
      municipalityId: '08037',
      address: 'Calle Tlaxcala 450, Col. Francisco I. Madero, Ciudad Juárez',
      contactName: 'Sra. Guadalupe Ontiveros',
      contactRole: 'Coordinadora del centro',
      contactEmail: 'centro.madero@comunidad.test',
      audienceDescription: 'Madres y padres de familia del taller de los martes',
      audienceAges: 'Personas adultas',
      expectedCount: 30,
      topic: 'cultura-de-la-denuncia',
    },
    attendance: {
      total: 34,
      women: 27,
      men: 7,
      adults: 29,
      olderAdults: 5,
      materials: '40 trípticos «Cómo denunciar», 1 cartel',
      notes: 'Mucho interés en la denuncia en línea; pidieron una segunda sesión sobre extorsión.',
    },
  },
];

async function insertRequest(
  tx: Tx,
  r: DemoRequest,
  status: 'received' | 'scheduled' | 'completed',
  supervisorId: number,
  noticeId: number,
) {
  const now = new Date();
  // A request that already has a session (some of them days ago) was received three weeks
  // before, not now: a session dated before its request made the lead time negative.
  const received = status === 'received' ? now : new Date(now.getTime() - 21 * 86_400_000);
  const [row] = await tx
    .insert(workshopRequests)
    .values({
      folio: await nextFolio(tx, 'T', localYear(now, CHIH), 4),
      tokenHash: hashToken(generateToken()),
      status: 'received',
      institutionName: r.institutionName,
      institutionType: r.institutionType,
      municipalityId: r.municipalityId,
      address: r.address,
      contactName: r.contactName,
      contactRole: r.contactRole,
      contactEmail: r.contactEmail,
      contactPhone: '656 555 0100',
      audienceDescription: r.audienceDescription,
      audienceAges: r.audienceAges,
      expectedCount: r.expectedCount,
      modality: 'presencial',
      privacyNoticeId: noticeId,
      consentedAt: received,
      createdAt: received,
      updatedAt: received,
      dedupeHash: hashToken(generateToken()),
    })
    .returning();
  const [topic] = await tx.select({ id: workshops.id }).from(workshops).where(eq(workshops.slug, r.topic));
  if (topic) await tx.insert(workshopRequestTopics).values({ requestId: row!.id, workshopId: topic.id });
  if (status === 'received') return row!;
  await tx
    .insert(workshopRequestHistory)
    .values({ requestId: row!.id, fromStatus: 'received', toStatus: 'scheduled', actorUserId: supervisorId });
  if (status === 'completed')
    await tx.insert(workshopRequestHistory).values({
      requestId: row!.id,
      fromStatus: 'scheduled',
      toStatus: 'completed',
      actorUserId: supervisorId,
    });
  return row!;
}

/**
 * Demo calendar for the coming weeks: Lucía (operadora@) in Chihuahua, Ricardo (operador@) in
 * Ciudad Juárez, some activities fulfilling demo workshop requests, one already given.
 */
export async function seedSchedulingDemo(db: Db): Promise<void> {
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(
      inArray(users.email, ['operadora@vinculo.test', 'operador@vinculo.test', 'supervision@vinculo.test']),
    );
  const byKey = Object.fromEntries(people.map((p) => [p.email.split('@')[0]!, p]));
  const sup = byKey.supervision;
  const [notice] = await db
    .select({ id: privacyNotices.id })
    .from(privacyNotices)
    .where(eq(privacyNotices.kind, 'integral'));
  const operador = byKey.operador;
  if (!sup || !byKey.operadora || !operador || !notice) return;
  await db.transaction(async (tx) => {
    for (const d of DEMO) {
      const day = workday(d.day);
      const startsAt = toInstant(`${day}T${d.from}`, d.zone);
      const endsAt = toInstant(`${day}T${d.to}`, d.zone);
      const first = byKey[d.who[0]!]!;
      const request = d.request
        ? await insertRequest(
            tx,
            d.request,
            d.status === 'done' ? 'completed' : 'scheduled',
            sup.id,
            notice.id,
          )
        : null;
      const [a] = await tx
        .insert(activities)
        .values({
          type: d.type,
          title: d.title,
          startsAt,
          endsAt,
          timeZone: d.zone,
          modality: d.onlineUrl ? 'en_linea' : 'presencial',
          place: d.place,
          municipalityId: d.municipalityId,
          onlineUrl: d.onlineUrl ?? null,
          status: d.status,
          notes: d.notes ?? '',
          workshopRequestId: request?.id ?? null,
          createdBy: sup.id,
          ...(d.attendance
            ? {
                attendanceTotal: d.attendance.total,
                attendance: {
                  women: d.attendance.women,
                  men: d.attendance.men,
                  adults: d.attendance.adults,
                  olderAdults: d.attendance.olderAdults,
                },
                materials: d.attendance.materials,
                outcomeNotes: d.attendance.notes,
                outcomeRecordedAt: endsAt,
                outcomeRecordedBy: first.id,
              }
            : {}),
        })
        .returning();
      await tx.insert(operatorBookings).values(
        d.who.map((w) => ({
          operatorId: byKey[w]!.id,
          kind: 'activity' as const,
          activityId: a!.id,
          startsAt,
          endsAt,
          createdBy: sup.id,
        })),
      );
      if (request) {
        await tx
          .update(workshopRequests)
          .set({
            status: d.status === 'done' ? 'completed' : 'scheduled',
            scheduledStart: startsAt,
            scheduledEnd: endsAt,
            scheduledPlace: d.place,
            facilitatorFirstName: first.name.split(' ')[0]!,
          })
          .where(eq(workshopRequests.id, request.id));
      }
    }
    // One request still waiting for a date, with two preferred windows, to try "Programar".
    const waiting = await insertRequest(
      tx,
      {
        institutionName: 'Escuela Secundaria Estatal 3013',
        institutionType: 'secundaria',
        municipalityId: '08037',
        address: 'Calle Valle del Cedro 1650, Fracc. Valle del Sol, Ciudad Juárez',
        contactName: 'Profr. Héctor Madrid Loya',
        contactRole: 'Subdirector',
        contactEmail: 'subdireccion.est3013@escuelas.test',
        audienceDescription: 'Segundo grado, cuatro grupos',
        audienceAges: '13 a 14 años',
        expectedCount: 140,
        topic: 'seguridad-digital-adolescentes',
      },
      'received',
      sup.id,
      notice.id,
    );
    await tx.insert(workshopRequestWindows).values([
      {
        requestId: waiting.id,
        startsAt: toInstant(`${workday(7)}T09:00`, JRZ),
        endsAt: toInstant(`${workday(7)}T12:00`, JRZ),
      },
      {
        requestId: waiting.id,
        startsAt: toInstant(`${workday(9)}T09:00`, JRZ),
        endsAt: toInstant(`${workday(9)}T12:00`, JRZ),
      },
    ]);
    await tx.insert(operatorBookings).values({
      operatorId: operador.id,
      kind: 'time_off',
      startsAt: toInstant(`${workday(8)}T00:00`, JRZ),
      endsAt: toInstant(`${workday(10)}T00:00`, JRZ),
      reason: 'Vacaciones',
      createdBy: sup.id,
    });
  });
}
