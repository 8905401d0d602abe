/**
 * Calendar facts that need no time zone and no Temporal, so browser code (the request form's
 * live validation) can use them without shipping the polyfill. `parseDate` in local.ts agrees
 * with these (tests/unit/time.test.ts compares them).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when "YYYY-MM-DD" (years 1900–2200) is a real calendar day: 2026-02-30 and 2026-13-01 are not. */
export function isRealDate(value: string): boolean {
  const m = DATE_RE.exec(value.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}
