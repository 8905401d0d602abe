import { describe, expect, it } from 'vitest';
import { normalizeClock, spokenClock, startedWarning } from '~/features/cases/started';
import { ContactSchema } from '~/features/cases/schemas';

describe('the "otra hora" control', () => {
  it('reads times on a 24-hour clock only, so 1:52 is always 01:52', () => {
    expect(normalizeClock('1:52')).toBe('01:52');
    expect(normalizeClock('152')).toBe('01:52');
    expect(normalizeClock('1352')).toBe('13:52');
    expect(normalizeClock('13.52')).toBe('13:52');
    expect(normalizeClock('1:52 pm')).toBeNull();
    expect(normalizeClock('24:10')).toBeNull();
    expect(spokenClock('01:52')).toBe('1:52 de la madrugada');
    expect(spokenClock('13:52')).toBe('1:52 de la tarde');
  });

  it('flags a future time and one over 24 hours ago unless confirmed', () => {
    const now = '2026-12-01T10:00';
    expect(startedWarning('2026-12-01T13:52', now, false)).toBe('future');
    expect(startedWarning('2026-12-01T10:04', now, false)).toBeNull();
    expect(startedWarning('2026-12-01T01:52', now, false)).toBeNull();
    expect(startedWarning('2026-11-30T09:59', now, false)).toBe('old');
    expect(startedWarning('2026-11-30T09:59', now, true)).toBeNull();
  });

  it('combines the date and the typed time into the start, beside the field when wrong', () => {
    const base = { channel: 'phone', durationMinutes: '3', callType: 'silent' };
    expect(ContactSchema.parse({ ...base, startedDate: '2026-12-01', startedTime: '1:52' }).startedAt).toBe(
      '2026-12-01T01:52',
    );
    expect(ContactSchema.parse({ ...base, startedDate: '2026-12-01', startedTime: '' }).startedAt).toBe('');
    const bad = ContactSchema.safeParse({ ...base, startedDate: '2026-12-01', startedTime: '1:52 p.m.' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['startedAt']);
    const noDate = ContactSchema.safeParse({ ...base, startedDate: '', startedTime: '13:52' });
    expect(noDate.error!.issues[0]!.message).toMatch(/fecha/);
  });
});
