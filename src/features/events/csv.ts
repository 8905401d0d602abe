import { toCsv as writeCsv } from '~/lib/csv';

/** Rows with the header first, through the project's one CSV writer (BOM, CRLF, formula-safe). */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const [header = [], ...body] = rows;
  return writeCsv(header.map(String), body);
}
