/**
 * CSV for spreadsheets people open in Excel: UTF-8 with BOM, CRLF, every cell quoted when
 * needed, and cells that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with
 * an apostrophe (OWASP "CSV injection").
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  // Text only: a number such as -3, or "-3.7" as a report writes it, is data and stays a
  // number in the spreadsheet (a plain decimal cannot run as a formula).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return /[",\r\n;]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
  options: { bom?: boolean } = {},
): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
  return `${options.bom === false ? '' : '\uFEFF'}${lines.join('\r\n')}\r\n`;
}

/** A download response; the file name is ASCII-safe. */
export function csvResponse(filename: string, body: string): Response {
  const safe = filename.replace(/[^a-zA-Z0-9._-]/g, '_');
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${safe}"`,
      'Cache-Control': 'no-store',
    },
  });
}
