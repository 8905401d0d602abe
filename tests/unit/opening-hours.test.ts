import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '~/features/settings/schemas';
import { DEFAULT_SETTINGS } from '~/lib/server/settings';
import { formatSchedule, openingState, openingStateKey, parseSchedule } from '~/lib/opening-hours';

const zone = 'America/Chihuahua'; // UTC−6 all year
const schedule = parseSchedule(DEFAULT_SETTINGS.openingSchedule);

describe('after-hours state in the organisation zone', () => {
  it('is open at 19:59 on a Monday and closed from 20:00, answering from 8:00 the next morning', () => {
    // Monday 30 November 2026, local time = UTC − 6.
    expect(openingState(schedule, new Date('2026-12-01T01:59:00Z'), zone)).toEqual({ open: true });
    expect(openingState(schedule, new Date('2026-12-01T02:00:00Z'), zone)).toEqual({
      open: false,
      opensAt: 8 * 60,
      weekday: 2,
      inDays: 1,
    });
  });

  it('is closed at 7:59 and open at 8:00 on a weekday morning', () => {
    expect(openingState(schedule, new Date('2026-12-01T13:59:00Z'), zone)).toEqual({
      open: false,
      opensAt: 8 * 60,
      weekday: 2,
      inDays: 0,
    });
    expect(openingState(schedule, new Date('2026-12-01T14:00:00Z'), zone)).toEqual({ open: true });
  });

  it('after Saturday 14:00 the next opening is Monday at 8:00', () => {
    expect(openingState(schedule, new Date('2026-12-05T19:59:00Z'), zone)).toEqual({ open: true });
    expect(openingState(schedule, new Date('2026-12-05T20:00:00Z'), zone)).toEqual({
      open: false,
      opensAt: 8 * 60,
      weekday: 1,
      inDays: 2,
    });
  });

  it('uses the zone: on a winter Monday evening Chihuahua has closed while Ciudad Juárez is open', () => {
    // 8 December 2026 02:30Z is Monday 20:30 in Chihuahua (UTC−6) and 19:30 in Juárez (MST, UTC−7).
    expect(openingState(schedule, new Date('2026-12-08T02:30:00Z'), zone).open).toBe(false);
    expect(openingState(schedule, new Date('2026-12-08T02:30:00Z'), 'America/Ciudad_Juarez').open).toBe(true);
  });

  it('gives each state its own cache key, and an empty schedule never says closed', () => {
    const keys = [
      '2026-12-01T01:59:00Z',
      '2026-12-01T02:00:00Z',
      '2026-12-01T13:00:00Z',
      '2026-12-05T20:00:00Z',
    ].map((at) => openingStateKey(openingState(schedule, new Date(at), zone)));
    expect(keys).toEqual(['open', 'closed-tomorrow-480', 'closed-today-480', 'closed-day1-480']);
    expect(openingState({}, new Date('2026-12-01T05:00:00Z'), zone)).toEqual({ open: true });
  });
});

describe('the schedule setting', () => {
  it('round-trips the stored form', () => {
    expect(formatSchedule(schedule)).toBe(DEFAULT_SETTINGS.openingSchedule);
  });

  it('is built from the per-day fields, with a closed Sunday, and refuses a closing before opening', () => {
    const base = { ...DEFAULT_SETTINGS };
    const days = {
      open1: '09:00',
      close1: '17:30',
      open6: '10:00',
      close6: '13:00',
      open7: '00:00',
      close7: '00:00',
    };
    // A closing time of 00:00 is midnight at the end of the day (a time input cannot say 24:00).
    expect(SettingsSchema.parse({ ...base, ...days }).openingSchedule).toBe(
      '1=09:00-17:30,6=10:00-13:00,7=00:00-24:00',
    );
    const bad = SettingsSchema.safeParse({ ...base, open2: '18:00', close2: '09:00', open3: '08:00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['close2', 'La hora de cierre debe ser después de la de apertura.'],
      [
        'close3',
        'Escribe la hora de cierre (por ejemplo 20:00), o deja las dos vacías si ese día no abrimos.',
      ],
    ]);
  });
});
