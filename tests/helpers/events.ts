import type { Db } from '~db/client';
import { events } from '~db/schema';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import type { RegistrationInput } from '~/features/events/schemas';

export const mailCtx = {
  publicUrl: 'https://vinculo.example',
  orgName: 'Línea Ciudadana',
  timeZone: 'America/Chihuahua',
};

let n = 0;
/** A published event open for registration now, starting in a week. */
export async function makeEvent(db: Db, overrides: Partial<typeof events.$inferInsert> = {}) {
  const now = Date.now();
  const [row] = await db
    .insert(events)
    .values({
      slug: `evento-${++n}-${Math.random().toString(36).slice(2, 8)}`,
      title: 'Feria de prevención del delito',
      place: 'Plaza Mayor',
      address: 'Av. Independencia s/n, Centro',
      municipalityId: '08019',
      startsAt: new Date(now + 7 * 86_400_000),
      endsAt: new Date(now + 7 * 86_400_000 + 2 * 3_600_000),
      capacity: 100,
      waitlistEnabled: true,
      registrationOpensAt: new Date(now - 86_400_000),
      registrationClosesAt: new Date(now + 6 * 86_400_000),
      status: 'published',
      ...overrides,
    })
    .returning();
  return row!;
}

/** A valid sign-up for `slug`, with the notice in force. */
export async function signup(
  db: Db,
  slug: string,
  overrides: Partial<RegistrationInput> = {},
): Promise<RegistrationInput> {
  const notice = await getCurrentPrivacyNotice(db);
  return {
    slug,
    name: 'Ana Lucía Portillo',
    email: `ana${++n}@correo.test`,
    phone: '',
    municipalityId: '08019',
    heardFrom: 'redes_sociales',
    registrationType: 'individual',
    isGroup: false,
    institutionName: '',
    groupSize: 1,
    accessibilityNeeds: '',
    privacyNoticeId: notice!.id,
    locale: 'es',
    ...overrides,
  };
}
