/**
 * The anti-spam signals every public form posts — a honeypot field people never see and the time
 * the page was served — and the one check of them. Forms render them with
 * src/components/SpamFields.astro; the features' submit functions call `spamCheck` before their
 * schema, so a bot learns nothing about the fields.
 */

export const SPAM_FIELDS = { honeypot: 'website', startedAt: 'startedAt' } as const;

/** The spam fields, never echoed back into a form (`safeValues`, `formAction`'s `secret`). */
export const SPAM_SECRET = [SPAM_FIELDS.honeypot, SPAM_FIELDS.startedAt] as const;

/** A person needs at least this long to fill a form; bots post at once. */
export const MIN_FILL_MS = 3_000;
/** A form left open for a day is fine, but must be sent again from a fresh page. */
export const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * `ok`, or why the post is refused: `tooFast` (honeypot filled, no or a malformed start time, sent
 * sooner than `MIN_FILL_MS` or from the future) or `stale` (open longer than `MAX_FORM_AGE_MS`).
 */
export function spamCheck(values: Record<string, string | string[]>, now: Date): 'ok' | 'tooFast' | 'stale' {
  const honeypot = values[SPAM_FIELDS.honeypot];
  if (Array.isArray(honeypot) || (typeof honeypot === 'string' && honeypot.trim() !== '')) return 'tooFast';
  const startedRaw = values[SPAM_FIELDS.startedAt];
  const started = Number(startedRaw);
  if (
    typeof startedRaw !== 'string' ||
    !/^\d{13}$/.test(startedRaw) ||
    now.getTime() - started < MIN_FILL_MS ||
    started > now.getTime() + 60_000
  )
    return 'tooFast';
  if (now.getTime() - started > MAX_FORM_AGE_MS) return 'stale';
  return 'ok';
}
