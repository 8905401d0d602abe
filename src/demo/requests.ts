import { eq, inArray } from 'drizzle-orm';
import type { Db } from '~db/client';
import {
  type RequestStatus,
  privacyNotices,
  users,
  workshopRequestEvaluations,
  workshopRequestHistory,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { localYear, nextFolio } from '~/lib/server/folio';
import { generateToken, hashToken } from '~/lib/server/tokens';

const DAY = 24 * 60 * 60 * 1000;

interface DemoRequest {
  institutionName: string;
  institutionType:
    | 'primaria'
    | 'secundaria'
    | 'preparatoria'
    | 'universidad'
    | 'empresa'
    | 'centro_comunitario'
    | 'gobierno'
    | 'otra';
  municipalityId: string;
  address: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  contactPhone: string;
  audienceDescription: string;
  audienceAges: string;
  expectedCount: number;
  modality: 'presencial' | 'en_linea';
  notes: string;
  topics: string[];
  /** Days from now of the first preferred window (negative: in the past). */
  inDays: number;
  path: { to: RequestStatus; reason?: string }[];
  scheduled?: { place: string; facilitator: string };
  evaluation?: { satisfaction: number; useful: string; comments: string };
}

const REQUESTS: DemoRequest[] = [
  {
    institutionName: 'Escuela Secundaria Técnica No. 3',
    institutionType: 'secundaria',
    municipalityId: '08019',
    address: 'Av. Tecnológico 5700, Col. Magisterial Universidad, Chihuahua',
    contactName: 'Rosa Elena Baeza Ortiz',
    contactRole: 'Orientadora',
    contactEmail: 'orientacion.est3@escuelas.example.mx',
    contactPhone: '614 410 2233',
    audienceDescription: 'Alumnado de segundo grado, turno matutino',
    audienceAges: '13 a 14 años',
    expectedCount: 120,
    modality: 'presencial',
    notes: 'Tenemos auditorio con proyector y bocinas.',
    topics: ['prevencion-acoso-escolar', 'seguridad-digital-adolescentes'],
    inDays: 12,
    path: [],
  },
  {
    institutionName: 'Centro Comunitario Francisco I. Madero',
    institutionType: 'centro_comunitario',
    municipalityId: '08037',
    address: 'Calle Tlaxcala 450, Col. Francisco I. Madero, Ciudad Juárez',
    contactName: 'Héctor Manuel Sáenz Rivas',
    contactRole: 'Coordinador de programas',
    contactEmail: 'programas.cc.madero@comunidad.example.mx',
    contactPhone: '656 221 8890',
    audienceDescription: 'Madres y padres de familia de la colonia',
    audienceAges: 'Personas adultas',
    expectedCount: 35,
    modality: 'presencial',
    notes: 'De preferencia por la tarde, después de las 17:00.',
    topics: ['extorsion-telefonica', 'cultura-de-la-denuncia'],
    inDays: 9,
    path: [{ to: 'under_review' }],
  },
  {
    institutionName: 'Colegio de Bachilleres Plantel 2',
    institutionType: 'preparatoria',
    municipalityId: '08019',
    address: 'Av. Pacheco 2906, Col. Pacífico, Chihuahua',
    contactName: 'Laura Patricia Meléndez Gil',
    contactRole: 'Subdirectora académica',
    contactEmail: 'subdireccion.cobach2@escuelas.example.mx',
    contactPhone: '614 432 1010',
    audienceDescription: 'Grupos de cuarto semestre',
    audienceAges: '16 a 17 años',
    expectedCount: 90,
    modality: 'presencial',
    notes: '',
    // Scheduled demo requests come from the scheduling seed, with their activities on the calendar.
    topics: ['violencia-en-el-noviazgo'],
    inDays: 6,
    path: [{ to: 'under_review' }],
  },
  {
    institutionName: 'Planta de arneses automotrices del Parque Industrial Antonio J. Bermúdez',
    institutionType: 'empresa',
    municipalityId: '08037',
    address: 'Blvd. Manuel Talamás Camandari 7000, Ciudad Juárez',
    contactName: 'Adriana Fong Valenzuela',
    contactRole: 'Recursos humanos',
    contactEmail: 'rh.capacitacion@planta.example.mx',
    contactPhone: '656 688 4500',
    audienceDescription: 'Supervisores de línea de los tres turnos',
    audienceAges: 'Personas adultas',
    expectedCount: 40,
    modality: 'presencial',
    notes: 'Necesitamos constancia de participación para la NOM-035.',
    topics: ['violencia-laboral'],
    inDays: -20,
    path: [{ to: 'under_review' }, { to: 'scheduled' }, { to: 'completed' }],
    scheduled: { place: 'Sala de capacitación, edificio B', facilitator: 'Ricardo' },
    evaluation: {
      satisfaction: 5,
      useful: 'El protocolo de atención y los teléfonos para canalizar.',
      comments: 'Nos gustaría repetirlo con el turno nocturno.',
    },
  },
  {
    institutionName: 'Escuela Primaria Federal Miguel Hidalgo',
    institutionType: 'primaria',
    municipalityId: '08019',
    address: 'Calle 20 de Noviembre 1204, Col. Centro, Chihuahua',
    contactName: 'Jesús Alberto Prieto Lozano',
    contactRole: 'Director',
    contactEmail: 'direccion.mhidalgo@escuelas.example.mx',
    contactPhone: '614 415 7788',
    audienceDescription: 'Alumnado de quinto y sexto',
    audienceAges: '10 a 12 años',
    expectedCount: 150,
    modality: 'presencial',
    notes: '',
    topics: ['prevencion-acoso-escolar'],
    inDays: 3,
    path: [
      {
        to: 'declined',
        reason:
          'Esas semanas nuestro equipo ya tiene la agenda completa por el cierre del ciclo escolar. Con gusto la programamos en enero: vuelve a solicitarla.',
      },
    ],
  },
  {
    institutionName: 'Facultad de Derecho, UACH',
    institutionType: 'universidad',
    municipalityId: '08019',
    address: 'Circuito Universitario, Campus II, Chihuahua',
    contactName: 'Mónica Ivonne Carrasco Durán',
    contactRole: 'Coordinadora de servicio social',
    contactEmail: 'servicio.social.fd@universidad.example.mx',
    contactPhone: '614 439 1822',
    audienceDescription: 'Estudiantes de servicio social',
    audienceAges: '21 a 24 años',
    expectedCount: 25,
    modality: 'en_linea',
    notes: 'Por videollamada; nosotros enviamos el enlace.',
    topics: ['primeros-auxilios-psicologicos', 'cultura-de-la-denuncia'],
    inDays: 15,
    path: [{ to: 'cancelled', reason: 'Se cambió el calendario del semestre; la volveremos a pedir.' }],
  },
];

/** Workshop requests in every status, with history, for the demo database. */
export async function seedRequestsDemo(db: Db): Promise<void> {
  const [notice] = await db
    .select({ id: privacyNotices.id })
    .from(privacyNotices)
    .where(eq(privacyNotices.kind, 'integral'));
  const [supervisor] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'supervisor'));
  const catalogue = await db
    .select({ id: workshops.id, slug: workshops.slug })
    .from(workshops)
    .where(
      inArray(
        workshops.slug,
        REQUESTS.flatMap((r) => r.topics),
      ),
    );
  if (!notice || catalogue.length === 0) return;
  const now = Date.now();
  await db.transaction(async (tx) => {
    for (const [i, r] of REQUESTS.entries()) {
      const createdAt = new Date(now - (REQUESTS.length - i + (r.inDays < 0 ? 30 : 2)) * DAY);
      const folio = await nextFolio(tx, 'T', localYear(createdAt, 'America/Chihuahua'), 4);
      const start = new Date(now + r.inDays * DAY);
      start.setUTCHours(16, 0, 0, 0); // 10:00 in Chihuahua
      const last = r.path.at(-1);
      const [row] = await tx
        .insert(workshopRequests)
        .values({
          folio,
          tokenHash: hashToken(generateToken(20)),
          status: last?.to ?? 'received',
          institutionName: r.institutionName,
          institutionType: r.institutionType,
          municipalityId: r.municipalityId,
          address: r.address,
          contactName: r.contactName,
          contactRole: r.contactRole,
          contactEmail: r.contactEmail,
          contactPhone: r.contactPhone,
          audienceDescription: r.audienceDescription,
          audienceAges: r.audienceAges,
          expectedCount: r.expectedCount,
          modality: r.modality,
          notes: r.notes,
          privacyNoticeId: notice.id,
          consentedAt: createdAt,
          dedupeHash: hashToken(`demo-${folio}`),
          statusReason: last?.reason ?? null,
          createdAt,
          updatedAt: createdAt,
          ...(r.scheduled
            ? {
                scheduledStart: start,
                scheduledEnd: new Date(start.getTime() + 90 * 60 * 1000),
                scheduledPlace: r.scheduled.place,
                facilitatorFirstName: r.scheduled.facilitator,
              }
            : {}),
        })
        .returning({ id: workshopRequests.id });
      const id = row!.id;
      await tx
        .insert(workshopRequestTopics)
        .values(
          r.topics.map((slug) => ({ requestId: id, workshopId: catalogue.find((w) => w.slug === slug)!.id })),
        );
      await tx.insert(workshopRequestWindows).values([
        { requestId: id, startsAt: start, endsAt: new Date(start.getTime() + 2 * 3600 * 1000) },
        {
          requestId: id,
          startsAt: new Date(start.getTime() + 2 * DAY),
          endsAt: new Date(start.getTime() + 2 * DAY + 2 * 3600 * 1000),
        },
      ]);
      let from: RequestStatus | null = null;
      let at = createdAt.getTime();
      for (const step of [{ to: 'received' as RequestStatus }, ...r.path]) {
        await tx.insert(workshopRequestHistory).values({
          requestId: id,
          fromStatus: from,
          toStatus: step.to,
          reason: step.reason ?? null,
          actorUserId: from && !(step.to === 'cancelled') ? (supervisor?.id ?? null) : null,
          at: new Date(at),
        });
        from = step.to;
        at += DAY;
      }
      if (r.evaluation)
        await tx.insert(workshopRequestEvaluations).values({ requestId: id, ...r.evaluation });
    }
  });
}
