import { expect, it } from 'vitest';
import { localYear, nextFolio } from '~/lib/server/folio';
import { describeEachDb } from '../helpers/db';

describeEachDb('folios', (ctx) => {
  it('numbers each series per year without gaps or repeats, even concurrently', async () => {
    const folios = await Promise.all(
      Array.from({ length: 40 }, () => ctx.db.transaction((tx) => nextFolio(tx, 'T', 2026, 4))),
    );
    expect(new Set(folios).size).toBe(40);
    expect([...folios].sort()).toEqual(
      Array.from({ length: 40 }, (_, i) => `T-2026-${String(i + 1).padStart(4, '0')}`),
    );
    expect(await nextFolio(ctx.db, 'T', 2027, 4)).toBe('T-2027-0001');
    expect(await nextFolio(ctx.db, 'LC', 2026, 5)).toBe('LC-2026-00001');
  });
});

it('takes the year in the organisation time zone', () => {
  // 1 Jan 2027 05:30 UTC is still 31 Dec 2026 in Chihuahua (UTC−6).
  expect(localYear(new Date('2027-01-01T05:30:00Z'), 'America/Chihuahua')).toBe(2026);
  expect(localYear(new Date('2027-01-01T07:30:00Z'), 'America/Chihuahua')).toBe(2027);
});
