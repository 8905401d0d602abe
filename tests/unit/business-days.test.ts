import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  isExecutiveTransitionYear,
  restDaysBetween,
  restDaysOf,
} from '~/lib/time';

describe('rest days of art. 74 LFT', () => {
  it('lists 2026 with the Monday holidays on their Mondays', () => {
    expect(restDaysOf(2026).map((d) => d.date)).toEqual([
      '2026-01-01',
      '2026-02-02',
      '2026-03-16',
      '2026-05-01',
      '2026-09-16',
      '2026-11-16',
      '2026-12-25',
    ]);
  });

  it('puts the third Monday of November 2026 on the 16th and of 2027 on the 15th', () => {
    expect(restDaysOf(2026).find((d) => d.fraction === 'VI')?.date).toBe('2026-11-16');
    expect(restDaysOf(2027).find((d) => d.fraction === 'VI')?.date).toBe('2027-11-15');
  });

  it('adds 1 October only when the federal executive changes (2024, 2030)', () => {
    expect(isExecutiveTransitionYear(2030)).toBe(true);
    expect(isExecutiveTransitionYear(2026)).toBe(false);
    expect(restDaysOf(2030).some((d) => d.date === '2030-10-01')).toBe(true);
    expect(restDaysOf(2026).some((d) => d.date === '2026-10-01')).toBe(false);
    expect(isBusinessDay('2030-10-01')).toBe(false);
    expect(isBusinessDay('2026-10-01')).toBe(true);
  });

  it('skips weekends, rest days and declared election days', () => {
    expect(isBusinessDay('2026-11-13')).toBe(true); // Friday
    expect(isBusinessDay('2026-11-14')).toBe(false); // Saturday
    expect(isBusinessDay('2026-11-15')).toBe(false); // Sunday
    expect(isBusinessDay('2026-11-16')).toBe(false); // third Monday of November
    expect(isBusinessDay('2027-06-07')).toBe(true);
    expect(isBusinessDay('2027-06-07', ['2027-06-07'])).toBe(false);
    expect(restDaysBetween('2026-12-01', '2027-01-31').map((d) => d.date)).toEqual([
      '2026-12-25',
      '2027-01-01',
    ]);
  });
});

describe('counting business days', () => {
  it('counts from the day after receipt, across a weekend and a holiday', () => {
    expect(addBusinessDays('2026-11-13', 1)).toBe('2026-11-17');
    expect(businessDaysBetween('2026-11-13', '2026-11-17')).toBe(1);
    expect(businessDaysBetween('2026-11-13', '2026-11-16')).toBe(0);
  });

  it('gives 20 business days to answer and 15 more to make it effective (LFPDPPP)', () => {
    const answer = addBusinessDays('2026-11-13', 20);
    expect(answer).toBe('2026-12-14');
    // Across Christmas and New Year.
    expect(addBusinessDays(answer!, 15)).toBe('2027-01-06');
    expect(businessDaysBetween('2026-11-13', '2026-12-14')).toBe(20);
  });

  it('does not count paused days, and an open pause has no deadline', () => {
    const pauses = [{ from: '2026-11-18', to: '2026-11-20' }];
    expect(addBusinessDays('2026-11-13', 20, { pauses })).toBe('2026-12-17');
    expect(businessDaysBetween('2026-11-13', '2026-11-23', { pauses })).toBe(2);
    expect(addBusinessDays('2026-11-13', 20, { pauses: [{ from: '2026-11-18', to: null }] })).toBeNull();
  });

  it('refuses impossible dates rather than rolling them over', () => {
    expect(() => isBusinessDay('2026-02-30')).toThrow();
  });
});
