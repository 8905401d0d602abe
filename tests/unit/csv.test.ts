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
  const { zoneForMunicipality } = await import('~/lib/zones');
  const { eventTimeZone } = await import('~/features/events/time');
  it('reads the border municipalities in their own zone, the rest in the organisation zone', () => {
    for (const id of ['08037', '08005', '08035', '08028', '08053'])
      expect(zoneForMunicipality(id, 'America/Chihuahua')).toBe('America/Ciudad_Juarez');
    for (const id of ['08052', '08042', '08015'])
      expect(zoneForMunicipality(id, 'America/Chihuahua')).toBe('America/Ojinaga');
    expect(zoneForMunicipality('08019', 'America/Chihuahua')).toBe('America/Chihuahua');
    expect(zoneForMunicipality(null, 'America/Chihuahua')).toBe('America/Chihuahua');
    // Events and the agenda agree.
    expect(eventTimeZone('08035', 'America/Chihuahua')).toBe('America/Ciudad_Juarez');
  });
});

describe('zone offsets', async () => {
  const { zoneOffsetMs } = await import('~/lib/zoned-time');
  it('follows daylight saving in Ciudad Juárez and not in Chihuahua', () => {
    const winter = Date.UTC(2026, 0, 15, 18);
    const summer = Date.UTC(2026, 6, 15, 18);
    expect(zoneOffsetMs(winter, 'America/Chihuahua') / 3_600_000).toBe(-6);
    expect(zoneOffsetMs(summer, 'America/Chihuahua') / 3_600_000).toBe(-6);
    expect(zoneOffsetMs(winter, 'America/Ciudad_Juarez') / 3_600_000).toBe(-7);
    expect(zoneOffsetMs(summer, 'America/Ciudad_Juarez') / 3_600_000).toBe(-6);
  });
});
