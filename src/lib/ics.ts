/**
 * The one iCalendar (RFC 5545) writer: feeds, e-mail attachments and download links all use it.
 *
 * Why not the `ics` package: it wrote `ORGANIZER;CN="…"` with no value (invalid: ical.js and
 * Python's icalendar refuse the whole file), and folded lines at 75 characters rather than 75
 * octets, so accented lines reached 76–78 bytes. This writer:
 * - folds every content line at 75 octets without splitting a UTF-8 sequence (§3.1);
 * - escapes TEXT values (backslash, semicolon, comma, newline; §3.3.11);
 * - writes times in UTC (`…Z`), so no VTIMEZONE is needed and each client shows its own zone;
 * - always gives ORGANIZER a `mailto:` value, which RFC 5546 requires for CANCEL and REQUEST.
 */

export type IcsStatus = 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
export type IcsMethod = 'PUBLISH' | 'REQUEST' | 'CANCEL';

export interface IcsOrganizer {
  name: string;
  email: string;
}

export interface IcsEntry {
  uid: string;
  /** Bumped on every change, so a calendar replaces its copy with the newest one. */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  status: IcsStatus;
  organizer: IcsOrganizer;
  lastModified?: Date | undefined;
}

export interface IcsCalendar {
  prodId: string;
  method: IcsMethod;
  calName?: string | undefined;
  events: readonly IcsEntry[];
  /** DTSTAMP of every event; defaults to now. */
  stamp?: Date;
}

/** 20270120T170000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT escaping of RFC 5545 §3.3.11. */
export function icsText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** A parameter value: quoted when it holds `:;,`; quotes themselves are not allowed, so dropped. */
function paramValue(value: string): string {
  const clean = value.replace(/["\r\n]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

const encoder = new TextEncoder();

/**
 * Folds one content line at 75 octets: continuation lines start with a space, which counts
 * toward their 75. A multi-byte character is never split.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = 75;
  for (const char of line) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = 74; // the leading space of a continuation line is one of its 75 octets
    }
    current += char;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function eventLines(entry: IcsEntry, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${entry.uid}`,
    `SEQUENCE:${Math.max(0, Math.trunc(entry.sequence))}`,
    `DTSTAMP:${icsUtc(stamp)}`,
    `DTSTART:${icsUtc(entry.start)}`,
    `DTEND:${icsUtc(entry.end)}`,
    `SUMMARY:${icsText(entry.summary)}`,
  ];
  if (entry.description) lines.push(`DESCRIPTION:${icsText(entry.description)}`);
  if (entry.location) lines.push(`LOCATION:${icsText(entry.location)}`);
  if (entry.url) lines.push(`URL:${entry.url.replace(/[\r\n]/g, '')}`);
  lines.push(`STATUS:${entry.status}`);
  lines.push(`ORGANIZER;CN=${paramValue(entry.organizer.name)}:mailto:${entry.organizer.email}`);
  if (entry.lastModified) lines.push(`LAST-MODIFIED:${icsUtc(entry.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar as text, CRLF line endings, every line folded. */
export function buildIcs(calendar: IcsCalendar): string {
  const stamp = calendar.stamp ?? new Date();
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${calendar.method}`,
  ];
  if (calendar.calName) lines.push(`X-WR-CALNAME:${icsText(calendar.calName)}`);
  for (const entry of calendar.events) lines.push(...eventLines(entry, stamp));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** The address part of a From header: "Línea Ciudadana <no-responder@…>" → "no-responder@…". */
export function mailboxAddress(from: string): string {
  return from.match(/<([^>]+)>/)?.[1]?.trim() ?? from.trim();
}
