import { describe, expect, it } from 'vitest';
import { buildRequestSchema, requestErrors } from '~/features/requests/request-schema';
import { requestMessages, requestSchema } from '~/features/requests/schemas';
import { isRealDate } from '~/lib/time/calendar';
import { addDays, localDay, parseDate } from '~/lib/time';

// The request form's one schema, as the server runs it (phone metadata, daylight-saving gap) and
// as the browser runs it (without them). The browser must never refuse what the server accepts,
// and must say the same words for everything it does check.

const ZONE = 'America/Chihuahua';
const now = new Date('2026-12-01T18:00:00Z');
const today = localDay(now, ZONE);

const form = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  privacyNoticeId: '1',
  institutionName: 'Escuela Secundaria Estatal 3013',
  institutionType: 'secundaria',
  municipalityId: '08037',
  address: 'Calle Valle del Cedro 1650',
  contactName: 'Martha Alicia Ontiveros Peña',
  contactRole: 'Orientadora',
  contactEmail: 'Orientacion@Escuela.example.mx',
  contactPhone: '656 123 4567',
  topics: ['1'],
  audienceDescription: 'Alumnado de 2.º de secundaria (13 y 14 años)',
  expectedCount: '80',
  modality: 'presencial',
  w1Date: addDays(today, 10),
  w1From: '09:00',
  w1To: '11:00',
  notes: '',
  consent: 'on',
  ...over,
});

const variations: Record<string, string | string[]>[] = [
  {},
  { institutionName: '' },
  { institutionName: 'ab' },
  { institutionName: 'x'.repeat(201) },
  { institutionName: 'Escuela\nNocturna' },
  { institutionName: '\u200b\u200b\u200b' },
  { institutionType: 'castillo' },
  { municipalityId: '' },
  { municipalityId: '99001' },
  { address: 'a' },
  { contactName: '12345' },
  { contactName: 'Ana\tLuz' },
  { contactRole: '' },
  { contactEmail: '' },
  { contactEmail: 'no-es-correo' },
  { contactEmail: `${'a'.repeat(250)}@x.mx` },
  { contactPhone: '' },
  { contactPhone: '12' },
  { contactPhone: '+1 915 555 0123' },
  { contactPhone: '9'.repeat(31) },
  { topics: [] },
  { topics: ['1', '2', '3', '4', '5', '6'] },
  { topics: ['x'] },
  { audienceDescription: '' },
  { expectedCount: '0' },
  { expectedCount: '5001' },
  { expectedCount: 'ochenta' },
  { modality: '' },
  { modality: 'en_linea' },
  { consent: '' },
  { w1Date: '', w1From: '', w1To: '' },
  { w1Date: today },
  { w1Date: '2026-02-30' },
  { w1From: '25:00' },
  { w1To: '08:00' },
  { w2Date: addDays(today, 12), w2From: '', w2To: '' },
  { w3Date: addDays(today, 14), w3From: '10:00', w3To: '12:00' },
  // 2027-03-14 02:30 does not exist in Ciudad Juárez (US daylight saving starts).
  { w1Date: '2027-03-14', w1From: '02:30', w1To: '04:00' },
  { notes: 'x'.repeat(2001) },
  { audienceAges: '13 a 14 años' },
];

describe('the request form schema in the browser and on the server', () => {
  for (const locale of ['es', 'en'] as const) {
    const server = requestSchema({ locale, timeZone: ZONE, now });
    const browser = buildRequestSchema({ messages: requestMessages(locale), today, timeZone: ZONE });

    it(`(${locale}) never refuses in the browser what the server accepts, and says the same words`, () => {
      for (const over of variations) {
        const s = server.safeParse(form(over));
        const b = browser.safeParse(form(over));
        const sErrors = s.success ? {} : requestErrors(s.error.issues);
        const bErrors = b.success ? {} : requestErrors(b.error.issues);
        // Every error the browser shows, the server shows with the same message.
        for (const [field, message] of Object.entries(bErrors)) expect(sErrors[field], field).toBe(message);
        // The server alone checks the phone's number and the daylight-saving gap.
        for (const [field, message] of Object.entries(sErrors)) {
          if (field === 'contactPhone' || /^w\dFrom|^w\dTo/.test(field)) continue;
          expect(bErrors[field], `${JSON.stringify(over)} → ${field}`).toBe(message);
        }
      }
    });
  }

  it('leaves the phone number and the daylight-saving gap to the server, whose message then shows', () => {
    const server = requestSchema({ timeZone: ZONE, now });
    const browser = buildRequestSchema({ messages: requestMessages('es'), today, timeZone: ZONE });
    const badPhone = form({ contactPhone: '12' });
    expect(browser.safeParse(badPhone).success).toBe(true);
    const s = server.safeParse(badPhone);
    expect(s.success ? {} : requestErrors(s.error.issues)).toEqual({
      contactPhone: 'Escribe un teléfono de 10 dígitos, por ejemplo 614 123 4567.',
    });
    const gap = server.safeParse(form({ w1Date: '2027-03-14', w1From: '02:30', w1To: '04:00' }));
    expect(gap.success ? {} : requestErrors(gap.error.issues)).toEqual({
      w1From: 'Esa hora no existe en Ciudad Juárez ese día por el cambio de horario; elige otra.',
    });
  });

  it('gives the server typed, normalised values (E.164 phone, lower-case e-mail, numbers)', () => {
    const parsed = requestSchema({ timeZone: ZONE, now }).parse(form());
    expect(parsed).toMatchObject({
      contactPhone: '+526561234567',
      contactEmail: 'orientacion@escuela.example.mx',
      expectedCount: 80,
      topics: [1],
      privacyNoticeId: 1,
      audienceAges: '',
      windows: [{ date: addDays(today, 10), from: '09:00', to: '11:00' }],
    });
    expect(parsed).not.toHaveProperty('consent');
  });

  it('says the placeholders of the English messages filled in', () => {
    const parsed = requestSchema({ locale: 'en', timeZone: ZONE, now }).safeParse(
      form({ institutionName: 'x'.repeat(201), topics: ['1', '2', '3', '4', '5', '6'] }),
    );
    expect(parsed.success ? {} : requestErrors(parsed.error.issues)).toEqual({
      institutionName: 'Too long (at most 200 characters).',
      topics: 'Choose at most 5 topics.',
    });
  });
});

describe('calendar days without Temporal', () => {
  it('agrees with the time module on every day of leap and common years', () => {
    for (const year of [1900, 2000, 2024, 2026, 2100, 2200]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          const value = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isRealDate(value), value).toBe(parseDate(value).ok);
        }
      }
    }
    expect(isRealDate('1899-12-31')).toBe(false);
    expect(isRealDate('2026-1-01')).toBe(false);
  });
});
