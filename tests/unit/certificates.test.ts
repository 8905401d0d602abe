import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { type CertificateDoc, qrPath, renderCertificatesPdf } from '~/features/certificates/pdf';
import { isWinAnsi, toWinAnsi } from '~/features/certificates/winansi';
import { formatCode, newCertificateCode, normalizeCode } from '~/features/certificates/codes';
import { workshopHours } from '~/features/certificates/certificates.server';
import { parseHours } from '~/lib/hours';
import { pdfPagesText } from '../helpers/pdf-text';

const doc = (overrides: Partial<CertificateDoc> = {}): CertificateDoc => ({
  kind: 'attendee',
  code: newCertificateCode(),
  participant: 'María José Núñez Ávila',
  institution: '',
  count: 1,
  title: 'Feria de prevención del delito',
  startsAt: new Date('2026-01-15T17:00:00Z'),
  endsAt: new Date('2026-01-15T19:00:00Z'),
  zone: 'America/Ciudad_Juarez',
  place: 'Plaza de la Mexicanidad, Juárez',
  hours: 2,
  ...overrides,
});

const options = {
  locale: 'es' as const,
  orgName: 'Línea Ciudadana',
  publicUrl: 'https://vinculo.example',
  issuedAt: new Date('2026-01-16T18:00:00Z'),
  orgZone: 'America/Chihuahua',
};

describe('toWinAnsi: what the standard fonts can draw', () => {
  it('keeps Spanish exactly, even typed decomposed', () => {
    expect(toWinAnsi('¿Señora Ñúñez? ¡Sí! Güero «Ávila»')).toBe('¿Señora Ñúñez? ¡Sí! Güero «Ávila»');
    expect(toWinAnsi('Jose\u0301 Mari\u0301a')).toBe('José María');
  });

  it('spells other letters in Latin letters and drops what it cannot draw', () => {
    expect(toWinAnsi('Łukasz Đoković Ștefan Nguyễn')).toBe('Lukasz Dokovic Stefan Nguyen');
    expect(toWinAnsi('Анна Σοφία')).toBe('Anna Sofia');
    expect(toWinAnsi('Ana 😀 李 Pérez')).toBe('Ana Pérez');
    expect(toWinAnsi('李小龍', 'Participante')).toBe('Participante');
    expect(toWinAnsi('ＡＢＣ ﬁn')).toBe('ABC fin');
  });

  it('agrees with the font: every character it keeps, Helvetica encodes', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const supported = new Set(font.getCharacterSet());
    const wrong: string[] = [];
    for (let cp = 0x20; cp < 0x3000; cp++) {
      const ch = String.fromCodePoint(cp);
      if (isWinAnsi(ch) && !supported.has(cp)) wrong.push(`U+${cp.toString(16)} kept`);
      const out = toWinAnsi(`a${ch}a`);
      if (![...out].every((c) => supported.has(c.codePointAt(0)!) || c === '\n'))
        wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
    expect(() => font.encodeText(toWinAnsi('李 Łódź 😀 Ωμέγα'))).not.toThrow();
  });
});

describe('codes', () => {
  it('are 120 random bits in 24 base32 characters, read back however they are typed', () => {
    const codes = new Set(Array.from({ length: 2000 }, newCertificateCode));
    expect(codes.size).toBe(2000);
    for (const c of codes) expect(c).toMatch(/^[a-z2-7]{24}$/);
    const code = [...codes][0]!;
    expect(normalizeCode(formatCode(code))).toBe(code);
    expect(normalizeCode(` ${formatCode(code).toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normalizeCode(code.slice(1))).toBeNull();
    expect(normalizeCode('../../etc/passwd')).toBeNull();
  });
});

describe('hours', () => {
  it('reads "2", "1.5" and "1,5"; refuses the rest; empty is none', () => {
    expect(parseHours('2')).toEqual({ ok: true, value: 2 });
    expect(parseHours(' 1,5 ')).toEqual({ ok: true, value: 1.5 });
    expect(parseHours('')).toEqual({ ok: true, value: null });
    for (const bad of ['0', '-1', '1.25', '1.3', 'dos', '1000', '1e2'])
      expect(parseHours(bad).ok, bad).toBe(false);
  });

  it('a workshop states its topics\u2019 hours, never more than the session lasted', () => {
    expect(workshopHours([2], 3 * 3_600_000)).toBe(2);
    expect(workshopHours([2, 2], 3 * 3_600_000)).toBe(3);
    expect(workshopHours([2, null], 3 * 3_600_000)).toBeNull();
    expect(workshopHours([], 3 * 3_600_000)).toBeNull();
  });
});

describe('the PDF', () => {
  it('parses, has a page per constancia, and says who, what, when (in the place\u2019s zone) and the code', async () => {
    const docs = [doc(), doc({ participant: 'Grupo Vecinal Dale', count: 12, kind: 'walk_in', hours: null })];
    const bytes = await renderCertificatesPdf(docs, options);
    const pages = await pdfPagesText(bytes);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('María José Núñez Ávila');
    expect(pages[0]).toContain('«Feria de prevención del delito»');
    // 17:00 UTC in January is 10:00 in Juárez (the place), though 11:00 in the office's Chihuahua.
    expect(pages[0]).toContain('el jueves 15 de enero de 2026, de 10:00 a 12:00 (hora de Ciudad Juárez),');
    expect(pages[0]).toContain('Duración: 2 horas.');
    expect(pages[0]).toContain(`https://vinculo.example/constancia/${docs[0]!.code}`);
    expect(pages[0]).toContain(formatCode(docs[0]!.code));
    expect(pages[0]).toContain('Línea Ciudadana');
    expect(pages[1]).toContain('asistió, con un grupo de 12 personas, al evento');
    expect(pages[1]).not.toContain('Duración');
  });

  it('in English for the /en/ flow, pointing at the English check page', async () => {
    const d = doc({ title: 'Crime prevention fair' });
    const [page] = await pdfPagesText(await renderCertificatesPdf([d], { ...options, locale: 'en' }));
    expect(page).toContain('This is to certify that');
    expect(page).toContain('attended the event');
    expect(page).toContain('on Thursday, January 15, 2026, from 10:00 AM to 12:00 PM (Ciudad Juárez time)');
    expect(page).toContain(`https://vinculo.example/en/constancia/${d.code}`);
  });

  it('never fails on a name, a title or an organisation the fonts cannot draw', async () => {
    const hostile = doc({
      participant: `李小龍 Łukasz 😀 Анна ${'Ω'.repeat(5)}\u0000\u202e`,
      title: '🎉 Taller «東京» — prevención',
      place: 'Calle 🏠, Juárez',
    });
    const bytes = await renderCertificatesPdf([hostile], { ...options, orgName: 'Línea 💜 Ciudadana' });
    const [page] = await pdfPagesText(bytes);
    expect(page).toContain('Lukasz Anna OOOOO');
    expect(page).toContain('Línea Ciudadana');
    // A name of nothing drawable still makes a page, with the rest of the constancia.
    const [blank] = await pdfPagesText(
      await renderCertificatesPdf([doc({ participant: '李小龍' })], options),
    );
    expect(blank).toContain('Se hace constar que');
  });

  it('draws the QR code module for module as the qrcode package made it', () => {
    const url = `https://vinculo.example/constancia/${newCertificateCode()}`;
    const { path, modules } = qrPath(url);
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const drawn = Array.from({ length: modules }, () => Array<boolean>(modules).fill(false));
    for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g))
      for (let c = 0; c < Number(m[3]); c++) drawn[Number(m[2])]![Number(m[1]) + c] = true;
    expect(modules).toBe(expected.size);
    for (let r = 0; r < modules; r++)
      for (let c = 0; c < modules; c++) expect(drawn[r]![c], `${r},${c}`).toBe(Boolean(expected.get(r, c)));
  });

  it('sets a very long name smaller rather than off the page', async () => {
    const long = 'María Guadalupe Concepción de los Ángeles Hernández Domínguez de la Santísima Trinidad';
    const [page] = await pdfPagesText(await renderCertificatesPdf([doc({ participant: long })], options));
    expect(page!.replace(/\n/g, ' ')).toContain(long);
  });
});
