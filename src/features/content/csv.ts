// The project's one CSV writer (BOM, CRLF, formula-injection safe).
export { csvCell, toCsv } from '~/lib/csv';
