import type { Db } from '~db/client';
import { workshops } from '~db/schema';
import type { MailContext } from '~/features/requests/mails';
import { localDay } from '~/lib/time';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';

export const MAIL: MailContext = {
  publicUrl: 'https://vinculo.example',
  orgName: 'Línea Ciudadana',
  phone: '614 123 4567',
  timeZone: 'America/Chihuahua',
};

/** Two catalogue entries (one inactive) for a fresh test database. */
export async function seedCatalogue(db: Db) {
  const suffix = Math.random().toString(36).slice(2, 8);
  const rows = await db
    .insert(workshops)
    .values([
      {
        slug: `acoso-${suffix}`,
        title: 'Prevención del acoso escolar',
        summary: 'Reconocer y atender el acoso entre pares.',
        audience: 'Secundaria',
        durationMinutes: 60,
      },
      {
        slug: `extorsion-${suffix}`,
        title: 'Extorsión telefónica',
        summary: 'Cómo cortar a tiempo y denunciar.',
        audience: 'Adultos',
        durationMinutes: 60,
      },
      {
        slug: `oculto-${suffix}`,
        title: 'Taller retirado',
        summary: 'Ya no se ofrece.',
        audience: 'Todos',
        durationMinutes: 60,
        active: false,
      },
    ])
    .returning({ id: workshops.id });
  return { active: [rows[0]!.id, rows[1]!.id], inactive: rows[2]!.id };
}

/** A date `days` ahead in Chihuahua, as the form's date input sends it. */
export const daysAhead = (days: number) =>
  localDay(new Date(Date.now() + days * 86_400_000), 'America/Chihuahua');

/** What a person posting the form would send; override any field. */
export async function validForm(
  db: Db,
  topics: number[],
  overrides: Record<string, string | string[]> = {},
): Promise<Record<string, string | string[]>> {
  const notice = await getCurrentPrivacyNotice(db, 'integral');
  return {
    locale: 'es',
    startedAt: String(Date.now() - 20_000),
    website: '',
    privacyNoticeId: String(notice!.id),
    institutionName: 'Escuela Secundaria Estatal 3013',
    institutionType: 'secundaria',
    municipalityId: '08037',
    address: 'Calle Valle del Cedro 1650, Fracc. Valle del Sol, Ciudad Juárez',
    contactName: 'Martha Alicia Ontiveros Peña',
    contactRole: 'Orientadora',
    contactEmail: 'Orientacion.3013@Escuelas.example.mx',
    contactPhone: '656 123 4567',
    topics: topics.map(String),
    audienceDescription: 'Alumnado de segundo grado',
    audienceAges: '13 a 14 años',
    expectedCount: '80',
    modality: 'presencial',
    w1Date: daysAhead(10),
    w1From: '09:00',
    w1To: '11:00',
    w2Date: '',
    w2From: '',
    w2To: '',
    notes: 'Contamos con auditorio.',
    consent: 'on',
    ...overrides,
  };
}
