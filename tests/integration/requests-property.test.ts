import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { mailOutbox, workshopRequests } from '~db/schema';
import { submitRequest } from '~/features/requests/requests.server';
import { formToObject } from '~/lib/forms';
import { describeEachDb } from '../helpers/db';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

/**
 * Throws random malformed submissions at the action's path (FormData → formToObject →
 * submitRequest, exactly what the `requests.submit` handler runs). Each submission starts from
 * a valid form and breaks at least one field, so it gets past the spam checks and reaches
 * validation. It must always come back as a form answer (never an exception, which the
 * action would turn into a 5xx) and never leave a row or a mail behind.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

const junk = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e9',
    'NaN',
    'null',
    'undefined',
    '[object Object]',
    '<script>alert(1)</script>',
    "'; drop table workshop_requests; --",
    '\u0000',
    '2026-02-30',
    '25:61',
    '99999999999999999999',
  ),
  fc.string({ minLength: 5000, maxLength: 6000 }),
  fc.integer().map(String),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

const FIELDS = [
  'institutionName',
  'institutionType',
  'municipalityId',
  'address',
  'contactName',
  'contactRole',
  'contactEmail',
  'contactPhone',
  'topics',
  'audienceDescription',
  'audienceAges',
  'expectedCount',
  'modality',
  'w1Date',
  'w1From',
  'w1To',
  'w2Date',
  'w2From',
  'w3To',
  'notes',
  'consent',
  'privacyNoticeId',
  'locale',
] as const;

/** Values that are always invalid for a field, so every generated form is malformed. */
const BROKEN: Record<string, fc.Arbitrary<string | string[]>> = {
  institutionName: fc.constantFrom('', 'ab', 'x'.repeat(201)),
  institutionType: fc
    .string()
    .filter(
      (s) =>
        ![
          'primaria',
          'secundaria',
          'preparatoria',
          'universidad',
          'empresa',
          'centro_comunitario',
          'gobierno',
          'otra',
        ].includes(s),
    ),
  municipalityId: fc.string().filter((s) => !/^08\d{3}$/.test(s)),
  contactEmail: fc.string().filter((s) => !s.includes('@')),
  contactPhone: fc.constantFrom('', '123', 'llámame', '1'.repeat(31)),
  topics: fc.oneof(
    fc.constant([] as string[]),
    fc.array(
      fc.string().filter((s) => !/^\d{1,9}$/.test(s)),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(fc.integer({ min: 1, max: 9 }).map(String), { minLength: 6, maxLength: 9 }),
  ),
  expectedCount: fc.oneof(
    fc.constantFrom('', '0', '-5', '5001', 'muchos', '12.5'),
    fc.integer({ min: 5001 }).map(String),
  ),
  modality: fc.string().filter((s) => s !== 'presencial' && s !== 'en_linea'),
  consent: fc.string().filter((s) => s !== 'on'),
  w1To: fc.constantFrom('08:00', '09:00', '7', ''),
  w1Date: fc.constantFrom('2020-01-01', 'mañana', '2026-13-01', ''),
};

describeEachDb('workshop requests: malformed submissions (property)', (ctx) => {
  it(`never throws, never stores: ${RUNS} random malformed forms`, async () => {
    const topics = await seedCatalogue(ctx.db);
    const base = await validForm(ctx.db, topics.active);
    const count = async () => {
      const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(workshopRequests);
      const [m] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
      return { requests: r!.n, mails: m!.n };
    };
    const before = await count();
    const brokenField = fc
      .constantFrom(...Object.keys(BROKEN))
      .chain((name) => BROKEN[name]!.map((value) => [name, value] as const));
    const extraNoise = fc.dictionary(
      fc.constantFrom(...FIELDS),
      fc.oneof(junk, fc.array(junk, { maxLength: 3 })),
      { maxKeys: 5 },
    );
    const strayKeys = fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 });

    let answered = 0;
    await fc.assert(
      fc.asyncProperty(brokenField, extraNoise, strayKeys, async ([name, value], noise, stray) => {
        const form = new FormData();
        const fields: Record<string, string | string[]> = {
          ...base,
          ...stray,
          ...noise,
          [name]: value,
          startedAt: String(Date.now() - 10_000),
          website: '',
        };
        for (const [key, v] of Object.entries(fields))
          for (const item of Array.isArray(v) ? v : [v]) form.append(key, item);
        const result = await submitRequest(ctx.db, formToObject(form, ['topics']), {
          ip: '10.5.0.1',
          locale: 'es',
          mail: MAIL,
        });
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(Object.keys(result.errors).length + (result.formError ? 1 : 0)).toBeGreaterThan(0);
        answered++;
      }),
      { numRuns: RUNS },
    );
    expect(answered).toBe(RUNS);
    expect(await count()).toEqual(before);
  }, 600_000);
});
