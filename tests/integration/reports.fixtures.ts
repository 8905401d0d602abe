import { sql } from 'drizzle-orm';
import type { Db } from '~db/client';
import {
  privacyNotices,
  workshopRequestEvaluations,
  workshopRequests,
  workshopRequestTopics,
  workshops,
} from '~db/schema';
import type { RequestStatus } from '~db/schema/requests';

/**
 * Hand-made requests for the report tests. Times are written as LOCAL times in Chihuahua
 * (UTC−6 all year since 2022) and stored as instants, so each comment's arithmetic can be
 * checked by hand. The expected figures live in the tests, worked out from this table.
 */
export const CHIHUAHUA = 'America/Chihuahua';
export const JUAREZ = 'America/Ciudad_Juarez';

/** 'YYYY-MM-DD HH:MM' in Chihuahua (UTC−6) → Date. */
export function chih(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00-06:00`);
}

export interface RequestFixture {
  ref: string;
  /** Local time in Chihuahua, or an ISO instant ending in Z. */
  created: string;
  status: RequestStatus;
  municipality: string;
  type: 'primaria' | 'secundaria' | 'preparatoria' | 'empresa';
  topics: ('acoso' | 'noviazgo' | 'extorsion')[];
  start?: string;
  evaluation?: { at: string; score: number; useful?: string; comments?: string };
}

export const REQUESTS: readonly RequestFixture[] = [
  {
    ref: 'R1',
    created: '2026-01-10 10:00',
    status: 'completed',
    municipality: '08019',
    type: 'primaria',
    topics: ['acoso'],
    start: '2026-01-20 10:00',
    evaluation: { at: '2026-01-21 12:00', score: 5, comments: 'Muy claro, gracias' },
  },
  // 23:30 local on 31 Jan is already 1 Feb in UTC: it must count in January.
  {
    ref: 'R2',
    created: '2026-01-31 23:30',
    status: 'scheduled',
    municipality: '08037',
    type: 'secundaria',
    topics: ['acoso', 'noviazgo'],
    start: '2026-02-05 23:30',
  },
  {
    ref: 'R3',
    created: '2026-02-01 00:10',
    status: 'declined',
    municipality: '08037',
    type: 'empresa',
    topics: ['extorsion'],
  },
  {
    ref: 'R4',
    created: '2026-02-14 12:00',
    status: 'cancelled',
    municipality: '08019',
    type: 'secundaria',
    topics: ['noviazgo'],
  },
  {
    ref: 'R5',
    created: '2026-02-20 09:00',
    status: 'received',
    municipality: '08017',
    type: 'preparatoria',
    topics: ['acoso'],
  },
  {
    ref: 'R6',
    created: '2026-03-03 08:00',
    status: 'under_review',
    municipality: '08019',
    type: 'primaria',
    topics: ['extorsion'],
  },
  {
    ref: 'R7',
    created: '2026-03-15 10:00',
    status: 'completed',
    municipality: '08019',
    type: 'secundaria',
    topics: ['noviazgo'],
    start: '2026-04-04 10:00',
    evaluation: { at: '2026-04-05 09:00', score: 3, useful: 'Las dinámicas' },
  },
  // Last minute of the period's last day: inside.
  {
    ref: 'R8',
    created: '2026-04-30 23:59',
    status: 'scheduled',
    municipality: '08037',
    type: 'empresa',
    topics: ['extorsion'],
    start: '2026-05-10 23:59',
  },
  // First minutes after the period, and the evening before it (1 Jan in UTC): both outside.
  {
    ref: 'R9',
    created: '2026-05-01 00:30',
    status: 'received',
    municipality: '08019',
    type: 'primaria',
    topics: ['acoso'],
  },
  {
    ref: 'R10',
    created: '2025-12-31 23:30',
    status: 'completed',
    municipality: '08019',
    type: 'primaria',
    topics: ['acoso'],
    start: '2026-01-08 10:00',
    evaluation: { at: '2025-12-31 23:50', score: 1, comments: 'Fuera del periodo' },
  },
  // Evaluated at 23:45 local on 31 March (1 April in UTC): a March evaluation.
  {
    ref: 'R11',
    created: '2026-03-20 10:00',
    status: 'completed',
    municipality: '08037',
    type: 'secundaria',
    topics: ['acoso'],
    start: '2026-03-24 10:00',
    evaluation: { at: '2026-03-31 23:45', score: 4 },
  },
];

export const PERIOD = { from: '2026-01-01', to: '2026-04-30' };

/** Request ids by fixture ref (R1…), filled by `seedRequestFixtures`, for fixtures that link to them. */
export type RequestIds = Record<string, number>;

/** Inserts three catalogue topics and the requests above; returns topic ids by slug. */
export async function seedRequestFixtures(
  db: Db,
  requestIds: RequestIds = {},
): Promise<Record<'acoso' | 'noviazgo' | 'extorsion', number>> {
  const topics = await db
    .insert(workshops)
    .values([
      {
        slug: 'acoso',
        title: 'Prevención del acoso escolar',
        summary: '-',
        audience: '-',
        durationMinutes: 60,
        sortOrder: 1,
      },
      {
        slug: 'noviazgo',
        title: 'Noviazgo sin violencia',
        summary: '-',
        audience: '-',
        durationMinutes: 90,
        sortOrder: 2,
      },
      {
        slug: 'extorsion',
        title: 'Extorsión telefónica',
        summary: '-',
        audience: '-',
        durationMinutes: 60,
        sortOrder: 3,
      },
    ])
    .returning({ id: workshops.id, slug: workshops.slug });
  const topicId = Object.fromEntries(topics.map((t) => [t.slug, t.id])) as Record<
    'acoso' | 'noviazgo' | 'extorsion',
    number
  >;
  await insertRequestFixtures(db, REQUESTS, requestIds);
  return topicId;
}

/** Inserts requests (topics by slug, from `seedRequestFixtures`' catalogue). */
export async function insertRequestFixtures(
  db: Db,
  list: readonly RequestFixture[],
  requestIds: RequestIds = {},
): Promise<void> {
  const topics = await db.select({ id: workshops.id, slug: workshops.slug }).from(workshops);
  const topicId = Object.fromEntries(topics.map((t) => [t.slug, t.id])) as Record<string, number>;
  const [notice] = await db.select({ id: privacyNotices.id }).from(privacyNotices).limit(1);

  for (const r of list) {
    const created = r.created.endsWith('Z') ? new Date(r.created) : chih(r.created);
    const [row] = await db
      .insert(workshopRequests)
      .values({
        folio: `T-TEST-${r.ref}`,
        tokenHash: `token-${r.ref}`,
        status: r.status,
        institutionName: `Institución ${r.ref}`,
        institutionType: r.type,
        municipalityId: r.municipality,
        address: 'Calle Libertad 100',
        contactName: 'Contacto de prueba',
        contactRole: 'Dirección',
        contactEmail: `contacto-${r.ref.toLowerCase()}@escuela.test`,
        contactPhone: '6140000000',
        audienceDescription: 'Grupo de prueba',
        audienceAges: '12-15',
        expectedCount: 30,
        modality: 'presencial',
        privacyNoticeId: notice!.id,
        consentedAt: created,
        dedupeHash: `dedupe-${r.ref}`,
        scheduledStart: r.start ? chih(r.start) : null,
        scheduledEnd: r.start ? new Date(chih(r.start).getTime() + 3_600_000) : null,
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: workshopRequests.id });
    requestIds[r.ref] = row!.id;
    await db
      .insert(workshopRequestTopics)
      .values(r.topics.map((t) => ({ requestId: row!.id, workshopId: topicId[t]! })));
    if (r.evaluation) {
      await db.insert(workshopRequestEvaluations).values({
        requestId: row!.id,
        satisfaction: r.evaluation.score,
        useful: r.evaluation.useful ?? '',
        comments: r.evaluation.comments ?? '',
        createdAt: chih(r.evaluation.at),
      });
    }
  }
}

/** Removes what `seedRequestFixtures` inserted (tests that need an empty database). */
export async function clearRequests(db: Db): Promise<void> {
  await db.execute(sql`delete from workshop_requests`);
}
