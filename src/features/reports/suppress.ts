/**
 * SUPERSEDED by disclosure.ts: no report publishes with this rule any more. It stays as the
 * former rule the attack test (tests/integration/reports-disclosure.test.ts) must still break
 * in its control run, the way the race tests keep a control.
 *
 * Small-count suppression for statistics about people (the line's contacts and cases).
 *
 * Rule 1 (primary): a count from 1 to 4 is never shown; it reads "<5" in tables, charts and
 * CSV. Zero is shown: "nobody" identifies nobody.
 *
 * Rule 2 (complementary): a shown total minus the shown parts must not give back a hidden
 * count, and shown parts must not add up to a hidden total. For every group (parts that add
 * up to a total) a single hidden cell is therefore never left alone: the smallest other
 * non-zero part is hidden too, or, when there is none, the total. This runs until nothing changes, so a cell hidden for a row is then protected in
 * its column as well. It is the usual cell-suppression heuristic of statistics offices (not an
 * optimal solver): with two or more hidden cells per group, subtraction only gives their sum.
 *
 * Rule 2's cells read "oculto", not "<5": they are not small, and saying so would mislead.
 *
 * Rule 3 (derived): an average or a rate computed from a small count is hidden too (a mean of
 * two people's waiting times describes those two people). Callers mark such cells with the
 * count they derive from; see `present.ts`.
 */
export const SUPPRESS_BELOW = 5;
/** A small count (rule 1). */
export const SUPPRESSED_TEXT = `<${SUPPRESS_BELOW}`;
/** A count hidden only so a small one cannot be worked out (rule 2): it is not small itself. */
export const COMPLEMENT_TEXT = 'oculto';

/** True when a count must not be shown on its own. */
export function isSmallCount(value: number | null | undefined): boolean {
  return typeof value === 'number' && value > 0 && value < SUPPRESS_BELOW;
}

/** A cell position in a grid of counts: [row, column]. */
export type CellRef = readonly [row: number, col: number];

/** Parts that add up to a total: knowing the total and all parts but one reveals the last. */
export interface SuppressionGroup {
  parts: readonly CellRef[];
  total: CellRef | null;
}

/**
 * Which cells of a grid of counts to hide. `values[r][c]` may be null for "not a count"
 * (those are never hidden here). Returns a grid of booleans of the same shape.
 */
export function suppressionMask(
  values: readonly (readonly (number | null)[])[],
  groups: readonly SuppressionGroup[],
): boolean[][] {
  const hidden = values.map((row) => row.map((v) => isSmallCount(v)));
  const valueAt = ([r, c]: CellRef) => values[r]?.[c] ?? null;
  const isHidden = ([r, c]: CellRef) => hidden[r]?.[c] ?? false;
  const hide = ([r, c]: CellRef) => {
    if (hidden[r]) hidden[r]![c] = true;
  };

  // Every pass hides at least one more cell or stops, so the cell count bounds the loop.
  const limit = values.reduce((n, row) => n + row.length, 0) + 1;
  for (let pass = 0; pass < limit; pass++) {
    let changed = false;
    for (const group of groups) {
      const members = group.total ? [...group.parts, group.total] : [...group.parts];
      const hiddenCount = members.filter(isHidden).length;
      // Without a total nothing can be subtracted; two hidden cells only give their sum. A
      // hidden total (hidden for another group) with all its parts shown is a plain sum.
      if (hiddenCount !== 1 || !group.total) continue;
      const candidates = group.parts.filter((ref) => !isHidden(ref) && (valueAt(ref) ?? 0) > 0);
      candidates.sort((a, b) => (valueAt(a) ?? 0) - (valueAt(b) ?? 0) || a[0] - b[0] || a[1] - b[1]);
      const next = candidates[0] ?? (isHidden(group.total) ? undefined : group.total);
      if (!next) continue;
      hide(next);
      changed = true;
    }
    if (!changed) break;
  }
  return hidden;
}

/**
 * The groups of a report table: each row's parts add up to the row's total column (when the
 * table has one), and each column's rows add up to the total row (when the rows partition the
 * data, e.g. months or municipalities; not topics, where one request counts under several).
 */
export function tableGroups(options: {
  rows: number;
  /** Columns that hold counts. */
  countColumns: readonly number[];
  /** Column whose value is the sum of `partColumns` in each row, if any. */
  rowTotal?: { column: number; partColumns: readonly number[] } | undefined;
  /** Index of the total row (the sum of rows 0..rows-1), if the rows partition the data. */
  totalRow?: number | undefined;
}): SuppressionGroup[] {
  const groups: SuppressionGroup[] = [];
  const allRows = [...Array(options.rows).keys()];
  if (options.totalRow !== undefined) allRows.push(options.totalRow);
  if (options.rowTotal) {
    const { column, partColumns } = options.rowTotal;
    for (const r of allRows)
      groups.push({ parts: partColumns.map((c) => [r, c] as const), total: [r, column] });
  }
  if (options.totalRow !== undefined) {
    const totalRow = options.totalRow;
    for (const c of options.countColumns) {
      groups.push({
        parts: [...Array(options.rows).keys()].map((r) => [r, c] as const),
        total: [totalRow, c],
      });
    }
  }
  return groups;
}
