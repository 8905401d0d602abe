import { createHmac, randomBytes } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { queryRows } from './sql';

/**
 * Disclosure control for figures about people (the line's contacts, cases, follow-ups,
 * referrals and oficios, and the monthly summary that repeats them).
 *
 * WHY NOT SUPPRESSION. Hiding 1–4 as "<5" plus complementary "oculto" cells held per table,
 * but an attacker who knows the rule solves it: bounds (a hidden cell is 1–4 or ≥ 5, the total
 * is exact), differencing two periods or a filtered and an unfiltered query, the summary's
 * year to date minus the month before, and rates computed from hidden counts. The audit
 * recovered 118 of 881 hidden cells; `tests/integration/reports-disclosure.test.ts` repeats
 * that attack (its control run still recovers cells from the old rule).
 *
 * METHOD: a combination of the two families national statistics offices use.
 *
 * 1. Cell-key perturbation, as in the Australian Bureau of Statistics' TableBuilder (Fraser &
 *    Wooton 2005, "A proposed method for confidentialising tabular output to protect against
 *    differencing"; Eurostat's "cell key method" in the ESS guidelines), with a rounding
 *    perturbation table:
 *    - every record (contact, case, follow-up, referral, oficio) has a fixed random key in
 *      [0, 1); a cell's key is the sum of its records' keys mod 1, so the SAME people always
 *      give the SAME cell key, whichever query, period, filter or grouping produced the cell;
 *    - the published count is n rounded to a multiple of 5, up with probability (n mod 5) / 5
 *      and down otherwise, the "probability" being the cell key: up when key < (n mod 5) / 5.
 *      This is unbiased random rounding to base 5 (used by Statistics New Zealand and the UK
 *      census, base 3 there) driven by the cell key instead of a fresh draw;
 *    - every cell is perturbed, totals included, each as its own cell from its own records,
 *      never as the sum of the rounded parts (so the parts may not add up to the total).
 *    Consequences: 1–4 is never shown (it reads 0 or 5; and 0 and 5 are also what 0 and 6–9
 *    can read), a shown v means "somewhere from v − 4 to v + 4", asking for the same cell
 *    twice gives the same figure (no averaging over repeats), and subtracting one published
 *    figure from another gives a range 17 wide, never a count.
 *
 * 2. A restricted query space: the protected reports accept only fixed periods (a calendar
 *    month, a calendar quarter, or 1 January to the end of a month, which includes the
 *    calendar year), see `fixedPeriod` in params.ts. Perturbation with free date ranges
 *    falls to averaging: a day is inside hundreds of ranges, and the mean of hundreds of
 *    independent "range minus range" estimates converges to the true count. With fixed
 *    periods a month lies in three cells per filter (month, quarter, year to date) and the
 *    noise cannot be averaged away.
 *
 * Record keys: derived, not stored. key = (hashint4extended(id, seed) mod 2¹⁶) / 2¹⁶ in the database,
 * seed = HMAC-SHA256(server secret, table name) truncated to 64 bits, the secret being 32
 * random bytes kept in `settings` (created on first use, never shown or exported). A stored
 * random column per table would need a migration on five tables and a default on every
 * insert path; a per-row HMAC in SQL (md5-based, the only keyed hash in both PostgreSQL and
 * PGlite without pgcrypto) costs ~450 ms per 100,000 rows, against ~0 for the seeded hash:
 * the reports must stay within 10 % of their former load time. The per-row hash does not
 * need to be cryptographic: nobody ever sees a key, only a rounding direction of sums of
 * many keys, and the seed is as secret as an HMAC key. Keep the secret: a new one re-draws
 * every cell, and the old and new figures together can be averaged.
 *
 * Derived figures: averages (durations) are shown only when their base count is published
 * as 10 or more (so at least 6 people); rates are computed from the PUBLISHED counts (a
 * function of figures already shown adds nothing), and only when the published
 * denominator is 10 or more.
 *
 * Limits (stated, not solved): a figure for a period still open changes as records are
 * added, and someone who reads it every day can difference consecutive days (each day's
 * own cell is perturbed too, so this gives ranges, not counts; but it is a channel). The
 * attack test checks exact recovery by bounds and differencing; it cannot prove that no
 * statistical inference is possible: rounding leaves ±4 of uncertainty, not zero.
 */
export const ROUNDING_BASE = 5;
/** Averages and rates need a published base of at least this much (true count ≥ 6). */
export const MIN_PUBLISHED_BASIS = 10;

/** The one sentence every protected report and the monthly summary show. */
export const DISCLOSURE_NOTE =
  'Para proteger a las personas, las cifras se redondean a múltiplos de 5 (siempre igual para las mismas personas), así que una cifra de 1 a 4 puede verse como 0 o 5 y los totales pueden no sumar exactamente; los promedios y porcentajes solo se muestran sobre 10 o más.';

/** Key space of a record key: keys are integers in [0, 2¹⁶), i.e. key / 2¹⁶ in [0, 1). */
const KEY_BITS = 16;
const KEY_SPACE = 2 ** KEY_BITS;
/**
 * Each counted row contributes 2⁴⁰ + its key to ONE sum per cell, so a cell costs the database
 * one aggregate, as the plain count did: count = sum div 2⁴⁰, key sum = sum mod 2⁴⁰ (exact
 * while a cell has fewer than 2²⁴ rows: 2¹⁶ · 2²⁴ = 2⁴⁰). The sum comes back packed, as text,
 * and `unpackCell` splits it here: no division in SQL and one column per cell, not two.
 */
const COUNT_SHIFT = 40n;
const KEY_SUM_MASK = (1n << COUNT_SHIFT) - 1n;
/** Constants of the record-key SQL, inlined (not parameters: fewer values to bind per query). */
const RECORD_KEY_MASK = sql.raw(`${KEY_SPACE - 1}::int8`);
const COUNT_WEIGHT = sql.raw(`${1n << COUNT_SHIFT}::int8`);

/**
 * The published value of a count whose records' keys sum to `keySum` (integers in
 * [0, 2¹⁶) each). Zero stays zero: "nobody" identifies nobody.
 */
export function perturbCount(count: number, keySum: number): number {
  const remainder = count % ROUNDING_BASE;
  if (remainder === 0) return count;
  const cellKey = (keySum % KEY_SPACE) / KEY_SPACE;
  const down = count - remainder;
  return cellKey < remainder / ROUNDING_BASE ? down + ROUNDING_BASE : down;
}

/** What a published count says about the true one (for the attack test and the docs). */
export function preimage(published: number): { lo: number; hi: number } {
  return { lo: Math.max(0, published - (ROUNDING_BASE - 1)), hi: published + ROUNDING_BASE - 1 };
}

/** A rate in percent from published counts, or null when it may not be shown. */
export function publishedRate(numerator: number, denominator: number): number | null {
  return denominator >= MIN_PUBLISHED_BASIS ? (100 * numerator) / denominator : null;
}

export type RecordDomain =
  | 'contacts'
  | 'cases'
  | 'follow_ups'
  | 'referrals'
  | 'oficios'
  // The live floor's staff figures (floor.report.ts).
  | 'floor_states'
  | 'help_requests';

const SECRET_KEY = 'reports.disclosureSecret';
const secrets = new WeakMap<object, Promise<string>>();

async function readSecret(db: Executor): Promise<string> {
  const select = sql`select value #>> '{}' as v from settings where key = ${SECRET_KEY}`;
  const found = await queryRows<{ v: string | null }>(db, select);
  if (found[0]?.v) return found[0].v;
  // Two instances starting at once: one insert wins, both read the winner.
  const fresh = randomBytes(32).toString('hex');
  await db.execute(
    sql`insert into settings (key, value) values (${SECRET_KEY}, to_jsonb(${fresh}::text)) on conflict (key) do nothing`,
  );
  const after = await queryRows<{ v: string | null }>(db, select);
  return after[0]!.v!;
}

/** The server secret (cached per database handle; a transaction just reads it again). */
function secretOf(db: Executor): Promise<string> {
  let cached = secrets.get(db);
  if (!cached) {
    cached = readSecret(db).catch((error: unknown) => {
      secrets.delete(db);
      throw error;
    });
    secrets.set(db, cached);
  }
  return cached;
}

/** The 64-bit seed of a table's record keys, as decimal text for an int8 parameter. */
export async function recordSeed(db: Executor, domain: RecordDomain): Promise<string> {
  const digest = createHmac('sha256', await secretOf(db))
    .update(`vinculo/reports/record-key/${domain}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * SQL for a record's weighted key, 2⁴⁰ + key with the key in [0, 2¹⁶), from its integer id
 * (`countCell` sums it).
 */
export async function recordKey(db: Executor, domain: RecordDomain, id: SQL): Promise<SQL> {
  const seed = await recordSeed(db, domain);
  return sql`((hashint4extended(${id}, ${seed}::int8) & ${RECORD_KEY_MASK}) + ${COUNT_WEIGHT})`;
}

/** Column-name suffix of a count's packed cell (count and key sum) in a report query. */
export const KEY_SUFFIX = '__ck';

/**
 * One count and its cell key from a single aggregate over the weighted keys (`base.rk`, which
 * `runGrouped` adds when the spec has a record key), as one packed column `<name>__ck`
 * (`unpackCell` reads it). Text, so that neither driver turns a sum above 2⁵³ into a float.
 */
export function countCell(name: string, where?: SQL): SQL {
  const filter = where ? sql` filter (where ${where})` : sql``;
  return sql`sum(base.rk)${filter}::text as ${sql.identifier(name + KEY_SUFFIX)}`;
}

/** The count and key sum of a `countCell` column (null: no rows, so 0 and 0). */
export function unpackCell(value: unknown): { count: number; keySum: number } {
  if (value === null || value === undefined) return { count: 0, keySum: 0 };
  const packed = BigInt(String(value));
  return { count: Number(packed >> COUNT_SHIFT), keySum: Number(packed & KEY_SUM_MASK) };
}
