import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANNEL_LIMITS, checkCopy, countFor, countForX } from '~/features/content/limits';
import { ExportSchema, PostFormSchema } from '~/features/content/schemas';
import { csvCell, toCsv } from '~/features/content/csv';
import { toInstant, toLocalInput } from '~/lib/time';

describe('copy limits', () => {
  it('counts a URL as 23 on X whatever its length', () => {
    const long = `Más información: https://lineaciudadana.org.mx/${'a'.repeat(200)}`;
    expect(countForX(long)).toBe('Más información: '.length + 23);
    expect(countForX('www.fiscalia.chihuahua.gob.mx')).toBe(23);
    expect(countForX('lineaciudadana.org.mx')).toBe(23);
    // An e-mail address is not a link: it counts character by character.
    expect(countForX('contacto@lineaciudadana.org.mx')).toBe(30);
  });
  it('counts emoji as 2 on X and accents as 1', () => {
    expect(countForX('Denuncia 💜')).toBe(9 + 2);
    expect(countForX('👩🏽‍⚖️')).toBe(2);
    expect(countForX('acción niñez')).toBe(12);
    // Decomposed accents are normalised first.
    expect(countForX('acci\u006f\u0301n')).toBe(6);
  });
  it('counts code points elsewhere (an emoji is never cut in half)', () => {
    expect(countFor('instagram', '💜')).toBe(1);
    expect(countFor('instagram', 'ñ')).toBe(1);
  });
  it('checks each channel against its own variant when there is one', () => {
    const long = 'a'.repeat(300);
    expect(checkCopy(['x', 'facebook'], long).map((c) => c.over)).toEqual([true, false]);
    expect(checkCopy(['x', 'facebook'], long, { x: 'corto' }).map((c) => c.over)).toEqual([false, false]);
  });
  it('the form schema refuses over-long copy with a Spanish message on the right field', () => {
    const base = { title: 'Prueba', channels: ['x'], plannedAt: '2026-12-01T10:00' };
    const r = PostFormSchema.safeParse({ ...base, copy: 'a'.repeat(281) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['copy']);
    expect(r.error!.issues[0]!.message).toMatch(
      /X \(Twitter\) el texto tiene 281 caracteres; el máximo es 280/,
    );
    const v = PostFormSchema.safeParse({
      ...base,
      channels: ['x', 'facebook'],
      copy: 'a'.repeat(500),
      variant_x: 'b'.repeat(300),
    });
    expect(v.error!.issues[0]!.path).toEqual(['variant_x']);
    expect(PostFormSchema.safeParse({ ...base, copy: 'a'.repeat(280) }).success).toBe(true);
  });
  it('a text exactly at each README limit passes and one more fails', () => {
    // The README's figures, pinned here: the code must agree with them, not the test with the code.
    const README_LIMITS = {
      x: 280,
      instagram: 2_200,
      facebook: 63_206,
      tiktok: 2_200,
      whatsapp: 4_096,
      website: 20_000,
      print: 1_500,
    } as const;
    expect(Object.keys(CHANNEL_LIMITS).sort()).toEqual(Object.keys(README_LIMITS).sort());
    for (const [channel, limit] of Object.entries(README_LIMITS) as [keyof typeof README_LIMITS, number][]) {
      const [at] = checkCopy([channel], 'a'.repeat(limit));
      const [over] = checkCopy([channel], 'a'.repeat(limit + 1));
      expect({ channel, count: at!.count, over: at!.over }).toEqual({ channel, count: limit, over: false });
      expect({ channel, over: over!.over }).toEqual({ channel, over: true });
    }
  });
  it('X counts a link as 23 and an emoji as 2 right at its 280 limit', () => {
    const link = `https://lineaciudadana.org.mx/${'x'.repeat(100)}`;
    expect(checkCopy(['x'], `${'a'.repeat(256)} ${link}`)[0]).toMatchObject({ count: 280, over: false });
    expect(checkCopy(['x'], `${'a'.repeat(257)} ${link}`)[0]).toMatchObject({ count: 281, over: true });
    expect(checkCopy(['x'], `${'a'.repeat(278)}💜`)[0]).toMatchObject({ count: 280, over: false });
    expect(checkCopy(['x'], `${'a'.repeat(279)}💜`)[0]).toMatchObject({ count: 281, over: true });
    // Elsewhere an emoji is one code point: 2,200 of them fit an Instagram caption.
    expect(checkCopy(['instagram'], '💜'.repeat(2_200))[0]).toMatchObject({ count: 2_200, over: false });
  });
});

describe('CSV', () => {
  it('neutralises formulas and quotes what needs quoting', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+52 614')).toBe("'+52 614");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(-3)).toBe('-3');
    expect(toCsv(['a'], [['x']])).toBe('\uFEFFa\r\nx\r\n');
  });
  it('round-trips any text through a standard CSV parse', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        const expected = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
        return unquoted === expected;
      }),
    );
  });
});

describe('export range', () => {
  it('accepts up to a year and refuses reversed or longer ranges in Spanish', () => {
    expect(ExportSchema.safeParse({ desde: '2026-01-01', hasta: '2026-12-31' }).success).toBe(true);
    expect(
      ExportSchema.safeParse({ desde: '2026-12-01', hasta: '2026-11-01' }).error!.issues[0]!.message,
    ).toBe('El final no puede ser anterior al inicio.');
    expect(
      ExportSchema.safeParse({ desde: '2025-01-01', hasta: '2026-12-31' }).error!.issues[0]!.message,
    ).toBe('Exporta como máximo un año a la vez.');
    expect(ExportSchema.safeParse({ desde: 'ayer', hasta: '2026-12-31' }).error!.issues[0]!.path).toEqual([
      'desde',
    ]);
  });
});

describe('time zones', () => {
  it('reads form times in Chihuahua and in Ciudad Juárez (US daylight saving)', () => {
    expect(toInstant('2026-07-01T10:00', 'America/Chihuahua').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(toInstant('2026-07-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2026-07-01T16:00:00.000Z',
    );
    expect(toInstant('2026-12-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2026-12-01T17:00:00.000Z',
    );
    expect(toLocalInput(new Date('2026-12-01T17:00:00Z'), 'America/Chihuahua')).toBe('2026-12-01T11:00');
    expect(() => toInstant('2026-02-30T10:00', 'America/Chihuahua')).toThrow(
      'Esa fecha no existe en el calendario; revisa el día y el mes.',
    );
  });
});
