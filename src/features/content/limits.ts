/**
 * Copy-length limits per channel, shared by the browser (counter as you type) and the server
 * (the same function refuses over-long copy). Pure: no imports from server code.
 *
 * Figures (checked 2026-11):
 * - X: 280 weighted characters for standard accounts, counted as twitter-text v3 does: text
 *   NFC-normalised, every URL counts 23, emoji count 2, Latin/most punctuation 1, CJK and
 *   other scripts 2.
 * - Instagram caption: 2,200. Facebook post: 63,206.
 * - TikTok: 2,200. The app now allows ~4,000 for some accounts, but the Content Posting API
 *   (what schedulers use) still enforces 2,200, so we keep the figure that works everywhere.
 * - WhatsApp: 4,096, the Business API's text-message body limit (the app allows far more).
 * - Website: 20,000 (a news item); print: 1,500 (what fits legibly on a half-letter flyer).
 * Other channels count Unicode code points (an emoji with a skin tone counts as 2), which is
 * what Meta's and TikTok's APIs measure and never less than what a person sees.
 */
export const CHANNELS = ['facebook', 'instagram', 'x', 'tiktok', 'whatsapp', 'website', 'print'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X (Twitter)',
  tiktok: 'TikTok',
  whatsapp: 'WhatsApp',
  website: 'Sitio web',
  print: 'Impreso',
};

export const CHANNEL_LIMITS: Record<Channel, number> = {
  facebook: 63_206,
  instagram: 2_200,
  x: 280,
  tiktok: 2_200,
  whatsapp: 4_096,
  website: 20_000,
  print: 1_500,
};

/** What X counts a link as, whatever its length (t.co wrapping). */
export const X_URL_LENGTH = 23;

// twitter-text's URL detection is large; this catches what people paste (scheme or www., or a
// bare domain with a common TLD) which is what matters for the count.
const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"]+|(?<![@\w.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|mx|gob\.mx|org\.mx|com\.mx|edu|info|io|ly|co)(?:\/[^\s<>"]*)?/giu;

const EMOJI_RE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** twitter-text v3 weight ranges that count as 1; everything else counts as 2. */
function xWeight(codePoint: number): number {
  if (
    (codePoint >= 0 && codePoint <= 4351) ||
    (codePoint >= 8192 && codePoint <= 8205) ||
    (codePoint >= 8208 && codePoint <= 8223) ||
    (codePoint >= 8242 && codePoint <= 8247)
  ) {
    return 1;
  }
  return 2;
}

let segmenter: Intl.Segmenter | undefined;
function graphemes(text: string): string[] {
  segmenter ??= new Intl.Segmenter('es', { granularity: 'grapheme' });
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** Length of `text` as X counts it. */
export function countForX(text: string): number {
  const normalised = text.normalize('NFC');
  let total = 0;
  let last = 0;
  for (const match of normalised.matchAll(URL_RE)) {
    total += weightedLength(normalised.slice(last, match.index));
    total += X_URL_LENGTH;
    last = match.index + match[0].length;
  }
  return total + weightedLength(normalised.slice(last));
}

function weightedLength(text: string): number {
  let total = 0;
  for (const g of graphemes(text)) {
    // A whole emoji sequence (ZWJ family, flag, skin tone) counts 2, like twitter-text.
    if (EMOJI_RE.test(g)) total += 2;
    else for (const ch of g) total += xWeight(ch.codePointAt(0)!);
  }
  return total;
}

/** Length of `text` as `channel` counts it. */
export function countFor(channel: Channel, text: string): number {
  if (channel === 'x') return countForX(text);
  let n = 0;
  for (const _ of text.normalize('NFC')) n++;
  return n;
}

export interface LimitCheck {
  channel: Channel;
  count: number;
  limit: number;
  over: boolean;
}

/** One check per channel, each against the copy that channel will publish (variant or main). */
export function checkCopy(
  channels: readonly Channel[],
  copy: string,
  variants: Partial<Record<Channel, string>> = {},
): LimitCheck[] {
  return channels.map((channel) => {
    const text = variants[channel]?.trim() ? variants[channel]! : copy;
    const count = countFor(channel, text);
    const limit = CHANNEL_LIMITS[channel];
    return { channel, count, limit, over: count > limit };
  });
}

/** Spanish message for an over-long copy, e.g. for the field beside it. */
export function limitMessage(check: LimitCheck): string {
  return `Para ${CHANNEL_LABELS[check.channel]} el texto tiene ${check.count.toLocaleString('es-MX')} caracteres; el máximo es ${check.limit.toLocaleString('es-MX')}. Acórtalo o escribe una versión para ese canal.`;
}
