import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '~/features/scheduling/csv';
import { parseShifts } from '~/features/scheduling/rules.server';
import { ACTIVITY_TRANSITIONS, canMoveStatus } from '~/features/scheduling/scheduling.server';
import { ActivitySchema, OutcomeSchema } from '~/features/scheduling/schemas';
import { formatRangeWithZone, toInstant, toLocalInput, zoneOfPlace } from '~/lib/time';
import { fieldErrors } from '~/lib/forms';

describe('local times', () => {
  it('reads Ciudad Juárez an hour apart from Chihuahua in winter and together in summer', () => {
    expect(toInstant('2026-12-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2026-12-01T17:00:00.000Z',
    );
    expect(toInstant('2026-12-01T10:00', 'America/Chihuahua').toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(toInstant('2027-07-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2027-07-01T16:00:00.000Z',
    );
    expect(zoneOfPlace('08037', 'America/Chihuahua')).toBe('America/Ciudad_Juarez');
    expect(zoneOfPlace('08019', 'America/Chihuahua')).toBe('America/Chihuahua');
  });
  it('refuses impossible dates and round-trips every minute', () => {
    expect(() => toInstant('2026-02-30T10:00', 'America/Chihuahua')).toThrow(
      'Esa fecha no existe en el calendario; revisa el día y el mes.',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1_767_225_600, max: 1_893_456_000 }),
        fc.constantFrom('America/Chihuahua', 'America/Ciudad_Juarez'),
        (secs, zone) => {
          const d = new Date(Math.floor(secs / 60) * 60_000);
          const back = toInstant(toLocalInput(d, zone), zone);
          // Only the repeated hour when clocks go back may resolve to the other instant.
          return Math.abs(back.getTime() - d.getTime()) <= 3_600_000;
        },
      ),
    );
  });
  it('writes a range the way people read it', () => {
    expect(
      formatRangeWithZone(
        new Date('2026-12-01T16:00:00Z'),
        new Date('2026-12-01T17:30:00Z'),
        'America/Chihuahua',
      ),
    ).toBe('martes 1 de diciembre de 2026, 10:00–11:30 (hora de Chihuahua)');
  });
});

describe('CSV', () => {
  it('defuses formulas and quotes what needs quoting', () => {
    for (const bad of ['=1+1', '+52 614', '-2+3', '@SUM(A1)', '\tx'])
      expect(csvCell(bad).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('dice "hola", adiós')).toBe('"dice ""hola"", adiós"');
    expect(csvCell(-3)).toBe('-3'); // numbers are data, not formulas
    expect(csvCell('-2')).toBe('-2'); // also when written as text (issue 16)
    expect(toCsv(['a'], [['x']])).toBe('\uFEFFa\r\nx\r\n');
  });
});

describe('forms and rules', () => {
  it('shows every problem of an activity at once', () => {
    const r = ActivitySchema.safeParse({
      title: 'ab',
      start: '2026-12-01T10:00',
      end: '2026-12-01T09:00',
      modality: 'en_linea',
      onlineUrl: 'http://x',
      status: 'confirmed',
      operatorIds: [],
    });
    expect(r.success).toBe(false);
    const errors = fieldErrors(r.error!);
    expect(Object.keys(errors).sort()).toEqual(['end', 'onlineUrl', 'operatorIds', 'title', 'type']);
  });
  it('checks attendance sums against the total', () => {
    const r = OutcomeSchema.safeParse({ id: '1', attendanceTotal: '10', women: '8', men: '5', teens: '' });
    expect(fieldErrors(r.error!)).toEqual({ women: 'La suma por sexo es mayor que el total.' });
    expect(OutcomeSchema.safeParse({ id: '1', attendanceTotal: '13', women: '8', men: '5' }).success).toBe(
      true,
    );
  });
  it('parses shifts and ignores nonsense', () => {
    expect(parseShifts('08:00-14:00, 14:00-20:00, 22:00-06:00, basura')).toEqual([
      { from: '08:00', to: '14:00' },
      { from: '14:00', to: '20:00' },
    ]);
  });
  it('has an explicit status table: closed activities stay closed', () => {
    expect(ACTIVITY_TRANSITIONS.done).toEqual([]);
    expect(canMoveStatus('cancelled', 'confirmed')).toBe(false);
    expect(canMoveStatus('tentative', 'confirmed')).toBe(true);
  });
});
