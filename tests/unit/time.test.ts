import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  formatDay,
  formatInstant,
  formatRange,
  formatTimeRange,
  localDay,
  localYear,
  parseDate,
  parseDateAndTime,
  parseLocalDateTime,
  parseTime,
  startOfDay,
  toInstant,
  toLocalInput,
  zoneOfActivity,
  zoneOfPlace,
} from '~/lib/time';

const JUAREZ = 'America/Ciudad_Juarez';
const CHIHUAHUA = 'America/Chihuahua';
const GAP = 'Esa hora no existe en Ciudad Juárez ese día por el cambio de horario; elige otra.';

const iso = (r: ReturnType<typeof parseLocalDateTime>) => (r.ok ? r.value.toISOString() : r.error);

describe('local time → instant', () => {
  it('reads Ciudad Juárez an hour apart from Chihuahua in winter and together in summer', () => {
    expect(iso(parseLocalDateTime('2027-01-20T10:00', JUAREZ))).toBe('2027-01-20T17:00:00.000Z');
    expect(iso(parseLocalDateTime('2027-01-20T10:00', CHIHUAHUA))).toBe('2027-01-20T16:00:00.000Z');
    expect(iso(parseLocalDateTime('2027-07-01T10:00', JUAREZ))).toBe('2027-07-01T16:00:00.000Z');
    expect(iso(parseLocalDateTime('2027-07-01T10:00', CHIHUAHUA))).toBe('2027-07-01T16:00:00.000Z');
  });

  it('refuses 02:30 on 2026-03-08 in Ciudad Juárez (spring-forward gap) but not in Chihuahua', () => {
    expect(parseLocalDateTime('2026-03-08T02:30', JUAREZ)).toEqual({ ok: false, error: GAP });
    expect(parseDateAndTime('2026-03-08', '02:30', JUAREZ)).toEqual({ ok: false, error: GAP });
    expect(() => toInstant('2026-03-08T02:30', JUAREZ)).toThrow(GAP);
    expect(iso(parseLocalDateTime('2026-03-08T02:30', CHIHUAHUA))).toBe('2026-03-08T08:30:00.000Z');
    // Either side of the gap is fine: 01:59 is still MST, 03:00 already MDT.
    expect(iso(parseLocalDateTime('2026-03-08T01:59', JUAREZ))).toBe('2026-03-08T08:59:00.000Z');
    expect(iso(parseLocalDateTime('2026-03-08T03:00', JUAREZ))).toBe('2026-03-08T09:00:00.000Z');
  });

  it('reads 01:30 on 2026-11-01 in Ciudad Juárez (repeated hour) as the earlier instant', () => {
    expect(iso(parseLocalDateTime('2026-11-01T01:30', JUAREZ))).toBe('2026-11-01T07:30:00.000Z');
    expect(iso(parseLocalDateTime('2026-11-01T01:30', CHIHUAHUA))).toBe('2026-11-01T07:30:00.000Z');
    expect(iso(parseLocalDateTime('2026-11-01T02:30', JUAREZ))).toBe('2026-11-01T09:30:00.000Z');
    // Both instants of the repeated hour show the same wall clock.
    expect(toLocalInput(new Date('2026-11-01T08:30:00Z'), JUAREZ)).toBe('2026-11-01T01:30');
  });

  it('refuses impossible dates and times with a Spanish message, never rolling over', () => {
    expect(parseDate('2026-02-30')).toEqual({
      ok: false,
      error: 'Esa fecha no existe en el calendario; revisa el día y el mes.',
    });
    expect(parseDate('2026-13-01').ok).toBe(false);
    expect(parseDate('2028-02-29')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseTime('24:30')).toEqual({ ok: false, error: 'Esa hora no existe; usa de 00:00 a 23:59.' });
    expect(parseTime('10:60').ok).toBe(false);
    expect(parseTime('9:00')).toEqual({ ok: false, error: 'Escribe la hora como HH:MM, de 00:00 a 23:59.' });
    expect(parseLocalDateTime('2026-02-30T10:00', CHIHUAHUA)).toEqual({
      ok: false,
      error: 'Esa fecha no existe en el calendario; revisa el día y el mes.',
    });
    expect(parseLocalDateTime('2026-03-01T24:30', CHIHUAHUA)).toEqual({
      ok: false,
      error: 'Esa hora no existe; usa de 00:00 a 23:59.',
    });
    expect(parseLocalDateTime('mañana', CHIHUAHUA)).toEqual({
      ok: false,
      error: 'Escribe la fecha y la hora.',
    });
    expect(parseDate('0001-01-01')).toEqual({ ok: false, error: 'Revisa el año.' });
  });

  it('round-trips every minute of 2026–2029 in both zones (the repeated hour to its earlier instant)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_767_225_600, max: 1_893_456_000 }),
        fc.constantFrom(CHIHUAHUA, JUAREZ, 'America/Ojinaga'),
        (secs, zone) => {
          const d = new Date(Math.floor(secs / 60) * 60_000);
          const back = toInstant(toLocalInput(d, zone), zone);
          const delta = d.getTime() - back.getTime();
          return delta === 0 || delta === 3_600_000;
        },
      ),
    );
  });

  it('does calendar arithmetic on dates and finds local days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-30', '2026-12-03')).toBe(3);
    expect(localDay(new Date('2026-12-01T05:30:00Z'), CHIHUAHUA)).toBe('2026-11-30');
    expect(localYear(new Date('2027-01-01T05:30:00Z'), CHIHUAHUA)).toBe(2026);
    expect(startOfDay('2026-03-08', JUAREZ).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(startOfDay('2026-03-08', JUAREZ, 1).toISOString()).toBe('2026-03-09T06:00:00.000Z');
    expect(toInstant('2026-12-03', CHIHUAHUA).toISOString()).toBe('2026-12-03T06:00:00.000Z');
  });
});

describe('zones of places', () => {
  it('takes a place’s zone from the place, never from the organisation', () => {
    expect(zoneOfPlace('08019', JUAREZ)).toBe(CHIHUAHUA);
    expect(zoneOfPlace('08037', CHIHUAHUA)).toBe(JUAREZ);
    expect(zoneOfPlace('08052', CHIHUAHUA)).toBe('America/Ojinaga');
    expect(zoneOfPlace(null, JUAREZ)).toBe(JUAREZ);
    expect(zoneOfActivity({ modality: 'en_linea', municipalityId: '08019' }, JUAREZ)).toBe(JUAREZ);
    expect(zoneOfActivity({ modality: 'presencial', municipalityId: '08019' }, JUAREZ)).toBe(CHIHUAHUA);
    // The activity of the issue: Chihuahua city, 2027-01-22 14:00, with the office in Juárez.
    const zone = zoneOfActivity({ modality: 'presencial', municipalityId: '08019' }, JUAREZ);
    expect(toInstant('2027-01-22T14:00', zone).toISOString()).toBe('2027-01-22T20:00:00.000Z');
  });
});

describe('formatting', () => {
  const monday10 = new Date('2026-11-30T16:00:00Z'); // 10:00 in Chihuahua
  const monday12 = new Date('2026-11-30T18:00:00Z');
  it('writes Spanish in lower case on a 24-hour clock', () => {
    expect(formatInstant(monday10, 'dateLong', CHIHUAHUA)).toBe('lunes 30 de noviembre de 2026');
    expect(formatInstant(monday10, 'date', CHIHUAHUA)).toBe('30 de noviembre de 2026');
    expect(formatInstant(monday10, 'dateShort', CHIHUAHUA)).toBe('30 nov 2026');
    expect(formatInstant(monday10, 'time', CHIHUAHUA)).toBe('10:00');
    expect(formatInstant(monday10, 'dateTime', CHIHUAHUA)).toBe('lunes 30 de noviembre de 2026, 10:00');
    expect(formatInstant(monday10, 'dateTimeShort', CHIHUAHUA)).toBe('30 nov 2026, 10:00');
    expect(formatInstant(monday10, 'weekdayShort', CHIHUAHUA)).toBe('lun 30 nov');
    expect(formatInstant(monday10, 'monthYear', CHIHUAHUA)).toBe('noviembre de 2026');
    expect(formatInstant(new Date('2026-11-30T21:05:00Z'), 'time', CHIHUAHUA)).toBe('15:05');
    expect(formatTimeRange(monday10, monday12, CHIHUAHUA)).toBe('10:00–12:00');
    expect(formatRange(monday10, monday12, CHIHUAHUA)).toBe('lunes 30 de noviembre de 2026, 10:00–12:00');
    expect(formatRange(monday10, new Date('2026-12-01T18:00:00Z'), CHIHUAHUA)).toBe(
      'lunes 30 de noviembre de 2026, 10:00 – martes 1 de diciembre de 2026, 12:00',
    );
    for (const p of ['dateLong', 'dateTime', 'dateTimeShort', 'time', 'weekdayShortTime'] as const) {
      expect(formatInstant(monday10, p, CHIHUAHUA)).not.toMatch(/[A-Z]|a\.\s?m\.|p\.\s?m\.|\.\./);
    }
  });
  it('shows the same instant in each place’s own clock', () => {
    expect(formatInstant(monday10, 'time', JUAREZ)).toBe('09:00');
    expect(formatInstant(monday10, 'time', CHIHUAHUA)).toBe('10:00');
  });
  it('writes English for English pages', () => {
    expect(formatInstant(monday10, 'dateLong', CHIHUAHUA, 'en')).toBe('Monday, November 30, 2026');
    expect(formatInstant(monday10, 'time', CHIHUAHUA, 'en')).toBe('10:00 AM');
    expect(formatRange(monday10, monday12, CHIHUAHUA, 'en')).toBe(
      'Monday, November 30, 2026, 10:00 AM–12:00 PM',
    );
  });
  it('formats date-only values without shifting the day', () => {
    expect(formatDay('2026-12-01', 'dateShort')).toBe('1 dic 2026');
    expect(formatDay('2026-12-01', 'dateLong')).toBe('martes 1 de diciembre de 2026');
  });
});

describe('zones of places typed by visitors', () => {
  it('a municipality code like "toString" or "__proto__" falls back to the organisation zone', () => {
    expect(zoneOfPlace('toString', 'America/Chihuahua')).toBe('America/Chihuahua');
    expect(zoneOfPlace('__proto__', 'America/Ciudad_Juarez')).toBe('America/Ciudad_Juarez');
    expect(zoneOfPlace('08037', 'America/Chihuahua')).toBe('America/Ciudad_Juarez');
  });
});
