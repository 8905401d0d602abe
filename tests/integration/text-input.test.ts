import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { eventRegistrations, workshopRequests } from '~db/schema';
import { ContactSchema } from '~/features/cases/schemas';
import { registerForEvent } from '~/features/events/registration.server';
import { RegistrationSchema } from '~/features/events/schemas';
import { submitRequest } from '~/features/requests/requests.server';
import { formToObject } from '~/lib/forms';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent } from '../helpers/events';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

/** What a browser posts: the fields as FormData, read back the way every action reads them. */
function posted(fields: Record<string, string | string[]>, multi: string[] = []) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) form.append(key, item);
  return formToObject(form, multi);
}

const ZERO_WIDTH_ONLY = '\u200B\u200C\u200D\u2060\uFEFF';
const BIDI_ONLY = '\u202E\u202D\u2066\u2069\u200E\u200F';

describeEachDb('text input, normalised once', (ctx) => {
  let topics: Awaited<ReturnType<typeof seedCatalogue>>;
  let n = 0;
  const context = () => ({ ip: `10.70.0.${++n}`, locale: 'es' as const, mail: MAIL });
  beforeAll(async () => {
    topics = await seedCatalogue(ctx.db);
  });

  it('a NUL in a workshop request is dropped, not sent to the database as an outage', async () => {
    const result = await submitRequest(
      ctx.db,
      posted(
        await validForm(ctx.db, topics.active, {
          institutionName: 'Escuela\u0000X Jose\u0301 Martí',
          notes: 'Primera línea\r\nSegunda\u0007 línea\r\n\tcon sangría',
          contactEmail: `nul${n}@escuela.example.mx`,
        }),
        ['topics'],
      ),
      context(),
    );
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, result.data.folio));
    // No NUL, and NFC: the decomposed é is one character.
    expect(row!.institutionName).toBe('EscuelaX José Martí');
    expect(row!.institutionName).toBe(row!.institutionName.normalize('NFC'));
    expect(row!.notes).toBe('Primera línea\nSegunda línea\n\tcon sangría');
  });

  it('refuses, beside the field, a name made only of invisible characters and a line break in a one-line field', async () => {
    const before = (await ctx.db.select({ id: workshopRequests.id }).from(workshopRequests)).length;
    const result = await submitRequest(
      ctx.db,
      posted(
        await validForm(ctx.db, topics.active, {
          contactName: ZERO_WIDTH_ONLY,
          institutionName: BIDI_ONLY,
          contactRole: 'Orientadora\r\nX-Injected: 1',
        }),
        ['topics'],
      ),
      context(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.contactName).toMatch(/no se ve/);
    expect(result.errors.institutionName).toMatch(/no se ve/);
    expect(result.errors.contactRole).toMatch(/una sola línea/);
    // What was typed comes back (without the NUL-like controls), and nothing was saved.
    expect(result.values.contactRole).toBe('Orientadora\r\nX-Injected: 1');
    expect((await ctx.db.select({ id: workshopRequests.id }).from(workshopRequests)).length).toBe(before);
  });

  it('event registration: invisible or multi-line names are refused, a NUL is dropped', async () => {
    const event = await makeEvent(ctx.db);
    const { getCurrentPrivacyNotice } = await import('~/lib/server/privacy');
    const notice = await getCurrentPrivacyNotice(ctx.db);
    const fields = (name: string, extra: Record<string, string> = {}) =>
      posted({
        slug: event.slug,
        name,
        email: `persona${++n}@correo.test`,
        municipalityId: '08019',
        heardFrom: 'redes_sociales',
        registrationType: 'individual',
        consent: 'on',
        privacyNoticeId: String(notice!.id),
        ...extra,
      });
    const invisible = RegistrationSchema.safeParse(fields(ZERO_WIDTH_ONLY + BIDI_ONLY));
    expect(invisible.success).toBe(false);
    expect(invisible.error?.issues.find((i) => i.path[0] === 'name')?.message).toMatch(/no se ve/);
    const twoLines = RegistrationSchema.safeParse(fields('Ana\nLucía'));
    expect(twoLines.error?.issues.find((i) => i.path[0] === 'name')?.message).toMatch(/una sola línea/);
    const noLetters = RegistrationSchema.safeParse(fields('1234'));
    expect(noLetters.error?.issues.find((i) => i.path[0] === 'name')?.message).toMatch(/con letras/);

    const parsed = RegistrationSchema.safeParse(
      fields('Ana\u0000 Lucía\u0008', { accessibilityNeeds: 'Silla\r\nde ruedas\u0000' }),
    );
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    const result = await registerForEvent(ctx.db, parsed.data, mailCtx);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const [row] = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, result.registrationId));
    expect(row!.name).toBe('Ana Lucía');
    expect(row!.accessibilityNeeds).toBe('Silla\nde ruedas');
  });
});

it('staff case entry: an invisible person name and a two-line authority are refused; the summary keeps its lines', () => {
  const base = {
    channel: 'phone',
    durationMinutes: '10',
    callType: 'data',
    callerRole: 'victim',
    categories: ['1'],
    summary: 'Llamó por\r\nextorsión\u0000 telefónica.',
    privacyNoticeGiven: 'on',
    reportStatus: 'filed',
  };
  const bad = ContactSchema.safeParse(
    posted({ ...base, personName: ZERO_WIDTH_ONLY, reportAuthority: 'Fiscalía\nZona Norte' }, ['categories']),
  );
  expect(bad.success).toBe(false);
  const byField = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
  expect(byField.personName).toMatch(/no se ve/);
  expect(byField.reportAuthority).toMatch(/una sola línea/);
  const good = ContactSchema.safeParse(
    posted({ ...base, personName: 'María\u200B José', reportAuthority: 'Fiscalía Zona Norte' }, [
      'categories',
    ]),
  );
  expect(good.success).toBe(true);
  if (good.success) expect(good.data.summary).toBe('Llamó por\nextorsión telefónica.');
});
