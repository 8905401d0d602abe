import { describe, expect, it } from 'vitest';
import { CALENDAR_HEADINGS } from '~/lib/calendar-headings';

// FullCalendar passes the wall-clock time as a UTC "marker", whatever the calendar's zone.
const at = (iso: string) => ({ date: { marker: new Date(iso) } });

describe('calendar headings', () => {
  it('read like every other staff screen: lower case, no comma, the core formatter', () => {
    expect(CALENDAR_HEADINGS.listWeek.listDayFormat(at('2026-11-30T00:00:00Z'))).toBe(
      'lunes 30 de noviembre',
    );
    expect(CALENDAR_HEADINGS.listMonth.listDayFormat(at('2026-12-01T00:00:00Z'))).toBe(
      'martes 1 de diciembre',
    );
    expect(CALENDAR_HEADINGS.timeGridWeek.dayHeaderFormat(at('2026-11-30T00:00:00Z'))).toBe('lun 30 nov');
    expect(CALENDAR_HEADINGS.timeGridDay.titleFormat(at('2026-11-30T00:00:00Z'))).toBe(
      'lunes 30 de noviembre de 2026',
    );
  });

  it('late at night the marker still names its own day (no shift by the machine’s zone)', () => {
    expect(CALENDAR_HEADINGS.timeGridDay.dayHeaderFormat(at('2026-11-30T23:30:00Z'))).toBe(
      'lunes 30 de noviembre',
    );
  });
});
