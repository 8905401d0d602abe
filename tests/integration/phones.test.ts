import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { eventRegistrations, workshopRequests } from '~db/schema';
import { registerForEvent } from '~/features/events/registration.server';
import { EventFormSchema, RegistrationSchema } from '~/features/events/schemas';
import { submitRequest } from '~/features/requests/requests.server';
import { formatPhone, toE164 } from '~/lib/phone';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent } from '../helpers/events';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

describe('phone numbers', () => {
  it('reads Mexican numbers typed any usual way, and international ones with their +', () => {
    for (const typed of [
      '614 123 4567',
      '(614) 123-4567',
      '6141234567',
      '+52 614 123 4567',
      '+52 1 614 123 4567',
    ])
      expect({ typed, e164: toE164(typed) }).toEqual({ typed, e164: '+526141234567' });
    expect(toE164('+1 915 555 0134')).toBe('+19155550134');
    expect(toE164('+44 20 7946 0958')).toBe('+442079460958');
    for (const typed of ['12345678901234567890123', '614 123', '123', 'llámame', '+52 000 000 0000'])
      expect({ typed, e164: toE164(typed) }).toEqual({ typed, e164: null });
  });

  it('shows a stored number formatted: national for Mexico, international otherwise', () => {
    expect(formatPhone('+526141234567')).toBe('614 123 4567');
    expect(formatPhone('+19155550134')).toBe('+1 915 555 0134');
    // Rows saved before numbers were normalised still show.
    expect(formatPhone('656-221-8890')).toBe('656 221 8890');
    expect(formatPhone('lo que sea')).toBe('lo que sea');
  });

  it('the staff event form refuses a registration window on 31 February', () => {
    const parsed = EventFormSchema.safeParse({
      title: 'Feria de prevención',
      startsAt: '2026-03-10T10:00',
      endsAt: '2026-03-10T12:00',
      registrationOpensAt: '2026-02-31T09:00',
      registrationClosesAt: '2026-03-09T24:00',
    });
    const paths = parsed.error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['registrationOpensAt', 'registrationClosesAt']));
  });
});

describeEachDb('phones are stored in E.164', (ctx) => {
  let topics: Awaited<ReturnType<typeof seedCatalogue>>;
  beforeAll(async () => {
    topics = await seedCatalogue(ctx.db);
  });

  it('a workshop request keeps the phone as +52…', async () => {
    const result = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        contactPhone: '(656) 123-4567',
        contactEmail: 'fono@escuela.example.mx',
      }),
      { ip: '10.80.0.1', locale: 'es', mail: MAIL },
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, result.data.folio));
    expect(row!.contactPhone).toBe('+526561234567');
  });

  it('registration refuses a 23-digit number beside the field and stores a good one in E.164', async () => {
    const event = await makeEvent(ctx.db);
    const notice = await getCurrentPrivacyNotice(ctx.db);
    const form = (phone: string, email: string) => ({
      slug: event.slug,
      name: 'Ana Lucía Portillo',
      email,
      phone,
      municipalityId: '08019',
      heardFrom: 'redes_sociales',
      registrationType: 'individual',
      consent: 'on',
      privacyNoticeId: String(notice!.id),
    });
    const refused = RegistrationSchema.safeParse(form('12345678901234567890123', 'larga@correo.test'));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.find((i) => i.path[0] === 'phone')?.message).toMatch(/teléfono válido/);

    const parsed = RegistrationSchema.safeParse(form('+1 (915) 555-0134', 'intl@correo.test'));
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const result = await registerForEvent(ctx.db, parsed.data, mailCtx);
    if (!result.ok) throw new Error(result.reason);
    const [row] = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, result.registrationId));
    expect(row!.phone).toBe('+19155550134');
    // Without a phone it stays empty.
    const none = RegistrationSchema.safeParse(form('', 'sinfono@correo.test'));
    expect(none.success && none.data.phone).toBe('');
  });
});
