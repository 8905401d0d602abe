import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '~/lib/csv';

describe('CSV export', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('Escuela "Benito Juárez", turno matutino')).toBe(
      '"Escuela ""Benito Juárez"", turno matutino"',
    );
    expect(csvCell('dos\nlíneas')).toBe('"dos\nlíneas"');
    expect(csvCell(null)).toBe('');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://malo")')).toBe(`"'=HYPERLINK(""http://malo"")"`);
    expect(csvCell('+52 614')).toBe("'+52 614");
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('-')).toBe("'-");
  });

  it('keeps numbers numbers, negative ones too, whether given as numbers or as report text', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('-3.7')).toBe('-3.7');
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a BOM so Excel reads the accents, and ends lines with CRLF', () => {
    const out = toCsv(
      ['Municipio', 'Asistentes'],
      [
        ['Juárez', 120],
        ['Cuauhtémoc', 35],
      ],
    );
    expect(out.startsWith('\uFEFFMunicipio,Asistentes\r\nJuárez,120\r\n')).toBe(true);
  });
});

describe('time zones of Chihuahua', async () => {
  const { zoneOfPlace } = await import('~/lib/time');
  it('reads each municipality in its own zone, whatever the organisation zone is', () => {
    for (const org of ['America/Chihuahua', 'America/Ciudad_Juarez']) {
      for (const id of ['08037', '08005', '08035', '08028', '08053'])
        expect(zoneOfPlace(id, org)).toBe('America/Ciudad_Juarez');
      for (const id of ['08052', '08042', '08015']) expect(zoneOfPlace(id, org)).toBe('America/Ojinaga');
      expect(zoneOfPlace('08019', org)).toBe('America/Chihuahua');
      // Without a place (online) the organisation's zone.
      expect(zoneOfPlace(null, org)).toBe(org);
    }
  });
});

describe('zone offsets', async () => {
  const { toInstant } = await import('~/lib/time');
  const offsetHours = (ms: number, zone: string) => {
    // Noon UTC read back as a local wall clock in `zone`, then the difference.
    const d = new Date(ms);
    const local = `${d.toISOString().slice(0, 10)}T${String(d.getUTCHours()).padStart(2, '0')}:00`;
    return (ms - toInstant(local, zone).getTime()) / 3_600_000;
  };
  it('follows daylight saving in Ciudad Juárez and not in Chihuahua', () => {
    const winter = Date.UTC(2026, 0, 15, 18);
    const summer = Date.UTC(2026, 6, 15, 18);
    expect(offsetHours(winter, 'America/Chihuahua')).toBe(-6);
    expect(offsetHours(summer, 'America/Chihuahua')).toBe(-6);
    expect(offsetHours(winter, 'America/Ciudad_Juarez')).toBe(-7);
    expect(offsetHours(summer, 'America/Ciudad_Juarez')).toBe(-6);
  });
});
