import { PDFDocument, type PDFFont, type PDFPage, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { type Locale, formatInstant, zoneLabel } from '~/lib/time';
import { formatCode } from './codes';
import { CERT_TEXT } from './messages';
import { toWinAnsi } from './winansi';

/** Everything one page says. Built by certificates.server.ts from the live records. */
export interface CertificateDoc {
  kind: 'attendee' | 'walk_in' | 'group' | 'facilitator';
  code: string;
  /** The person's name; for a group constancia, the institution. */
  participant: string;
  /** The group's institution (a group registration, the facilitator's audience). */
  institution: string;
  /** People in the group (1 for one person). */
  count: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  /** The place's own zone (or the organisation's, online). */
  zone: string;
  /** "Plaza Mayor, Av. Independencia s/n, Chihuahua"; empty when held online. */
  place: string;
  hours: number | null;
}

export interface RenderOptions {
  locale: Locale;
  orgName: string;
  publicUrl: string;
  /** When the constancia is issued (printed as its date), in the organisation's zone. */
  issuedAt: Date;
  orgZone: string;
}

const WINE = rgb(0x6b / 255, 0x1a / 255, 0x50 / 255);
const INK = rgb(0.13, 0.13, 0.15);
const MUTED = rgb(0.36, 0.36, 0.4);
const PAGE: [number, number] = [792, 612]; // US Letter, landscape

/** The check page of a code, as printed and as the QR code's target. */
export function verifyUrl(publicUrl: string, code: string, locale: Locale): string {
  return `${publicUrl.replace(/\/+$/, '')}${locale === 'en' ? '/en' : ''}/constancia/${code}`;
}

/** Hours as people write them: "2", "1.5". */
export function formatHours(hours: number): string {
  return Number.isInteger(hours) ? String(hours) : hours.toFixed(1);
}

/** Breaks `text` into lines no wider than `width`; a single over-long word is cut. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  serif: PDFFont;
  serifBold: PDFFont;
}

/**
 * Writes centred, wrapped lines from `y` down; returns the y below them. A name too long for
 * its size is set smaller, down to `minSize`, before it wraps.
 */
function centred(
  page: PDFPage,
  raw: string,
  font: PDFFont,
  size: number,
  y: number,
  options: { width?: number; color?: ReturnType<typeof rgb>; minSize?: number; maxLines?: number } = {},
): number {
  const width = options.width ?? 600;
  const text = toWinAnsi(raw);
  let s = size;
  while (options.minSize && s > options.minSize && font.widthOfTextAtSize(text, s) > width) s -= 1;
  let lines = wrap(text, font, s, width);
  if (options.maxLines && lines.length > options.maxLines) {
    lines = lines.slice(0, options.maxLines);
    lines[lines.length - 1] = `${lines[lines.length - 1]!.replace(/\s*\S{0,3}$/, '')}…`;
  }
  let at = y;
  for (const line of lines) {
    const w = font.widthOfTextAtSize(line, s);
    page.drawText(line, { x: (PAGE[0] - w) / 2, y: at, size: s, font, color: options.color ?? INK });
    at -= s * 1.3;
  }
  return at;
}

/** The organisation's mark: the favicon of public/favicon.svg, drawn as vectors. */
function drawMark(page: PDFPage, x: number, y: number, size: number) {
  const scale = size / 32;
  // The rounded square (rx 7) and the white "L" of the favicon, in its own 32×32 units.
  page.drawSvgPath('M7 0h18a7 7 0 0 1 7 7v18a7 7 0 0 1-7 7H7a7 7 0 0 1-7-7V7a7 7 0 0 1 7-7z', {
    x,
    y,
    scale,
    color: WINE,
  });
  page.drawSvgPath('M9 8h4v12h9v4H9z', { x, y, scale, color: rgb(1, 1, 1) });
}

/**
 * The QR code of `text` as one SVG path in module units (each row's runs of dark modules as
 * rectangles, y down), and its size in modules.
 */
export function qrPath(text: string): { path: string; modules: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let path = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (!qr.modules.get(row, col)) continue;
      let end = col;
      while (end + 1 < n && qr.modules.get(row, end + 1)) end++;
      path += `M${col} ${row}h${end - col + 1}v1h${-(end - col + 1)}z`;
      col = end;
    }
  }
  return { path, modules: n };
}

/** The QR code as vectors: crisp at any print size, one drawing operation per page. */
function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const { path, modules } = qrPath(url);
  // The path's origin is its top-left corner, at (x, y + size) on the page.
  page.drawSvgPath(path, { x, y: y + size, scale: size / modules, color: INK });
}

/** What the page says about the activity, sentence by sentence. */
function sentences(doc: CertificateDoc, o: RenderOptions) {
  const tx = CERT_TEXT[o.locale];
  const action =
    doc.kind === 'group'
      ? tx.groupTookPart(doc.count)
      : doc.kind === 'facilitator'
        ? tx.facilitated
        : doc.count > 1
          ? tx.attendedWithGroup(doc.count, doc.institution)
          : tx.attended;
  const day = formatInstant(doc.startsAt, 'dateLong', doc.zone, o.locale);
  const from = formatInstant(doc.startsAt, 'time', doc.zone, o.locale);
  const to = formatInstant(doc.endsAt, 'time', doc.zone, o.locale);
  const details = [
    doc.kind === 'facilitator' ? tx.toGroup(doc.count, doc.institution) : '',
    doc.kind === 'group' ? tx.givenBy(o.orgName) : '',
    tx.when(day, from, to, zoneLabel(doc.zone, o.locale)),
    doc.place ? tx.where(doc.place) : tx.online,
  ]
    .filter(Boolean)
    .join(' ');
  const hours = doc.hours ? tx.hours(formatHours(doc.hours), doc.hours === 1) : '';
  return { action, details, hours };
}

function drawPage(pdf: PDFDocument, fonts: Fonts, doc: CertificateDoc, o: RenderOptions) {
  const tx = CERT_TEXT[o.locale];
  const page = pdf.addPage(PAGE);
  const [W, H] = PAGE;
  // A double frame in the organisation's colour.
  page.drawRectangle({ x: 24, y: 24, width: W - 48, height: H - 48, borderColor: WINE, borderWidth: 2.5 });
  page.drawRectangle({ x: 32, y: 32, width: W - 64, height: H - 64, borderColor: WINE, borderWidth: 0.75 });

  // The organisation: its mark and name, top left.
  drawMark(page, 56, H - 56, 40);
  page.drawText(toWinAnsi(o.orgName), { x: 106, y: H - 84, size: 15, font: fonts.bold, color: WINE });

  let y = H - 150;
  y = centred(page, tx.heading, fonts.serifBold, 34, y, { color: WINE });
  y = centred(page, tx.subheading, fonts.serif, 16, y + 6, { color: WINE });
  y -= 16;
  y = centred(page, tx.intro, fonts.regular, 13, y, { color: MUTED });
  y -= 6;
  y = centred(page, doc.participant, fonts.serifBold, 30, y, { minSize: 18, maxLines: 2, width: 640 });
  page.drawLine({
    start: { x: W / 2 - 160, y: y + 14 },
    end: { x: W / 2 + 160, y: y + 14 },
    thickness: 0.75,
    color: WINE,
  });
  y -= 8;
  const s = sentences(doc, o);
  y = centred(page, s.action, fonts.regular, 13, y, { width: 620 });
  y -= 2;
  y = centred(page, `«${doc.title}»`, fonts.bold, 16, y, { width: 620, maxLines: 3 });
  y -= 2;
  y = centred(page, s.details, fonts.regular, 12, y, { width: 620, maxLines: 4 });
  if (s.hours) centred(page, s.hours, fonts.regular, 12, y - 2);

  // The foot: issue date and how to check it (left), the QR code (right).
  const url = verifyUrl(o.publicUrl, doc.code, o.locale);
  const issued = tx.issued(formatInstant(o.issuedAt, 'date', o.orgZone, o.locale));
  page.drawText(toWinAnsi(issued), { x: 56, y: 96, size: 10, font: fonts.regular, color: MUTED });
  page.drawText(toWinAnsi(tx.verify), { x: 56, y: 80, size: 10, font: fonts.regular, color: MUTED });
  const urlSize = fonts.regular.widthOfTextAtSize(url, 9) > 520 ? 7 : 9;
  page.drawText(toWinAnsi(url), { x: 56, y: 66, size: urlSize, font: fonts.regular, color: INK });
  page.drawText(`${toWinAnsi(tx.code)}: ${formatCode(doc.code)}`, {
    x: 56,
    y: 50,
    size: 10,
    font: fonts.bold,
    color: INK,
  });
  drawQr(page, url, W - 56 - 84, 46, 84);
}

/**
 * One PDF with a page per constancia (one for a person, many for an event's staff download).
 * Standard fonts only, so nothing depends on the machine's fonts; every string drawn goes
 * through `toWinAnsi`, so no name can make it fail.
 */
export async function renderCertificatesPdf(docs: CertificateDoc[], o: RenderOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    serif: await pdf.embedFont(StandardFonts.TimesRoman),
    serifBold: await pdf.embedFont(StandardFonts.TimesRomanBold),
  };
  const tx = CERT_TEXT[o.locale];
  pdf.setTitle(toWinAnsi(tx.pdfTitle));
  pdf.setAuthor(toWinAnsi(o.orgName));
  pdf.setCreator(toWinAnsi(o.orgName));
  pdf.setLanguage(o.locale === 'en' ? 'en' : 'es-MX');
  pdf.setCreationDate(o.issuedAt);
  pdf.setModificationDate(o.issuedAt);
  for (const doc of docs) drawPage(pdf, fonts, doc, o);
  return pdf.save();
}
