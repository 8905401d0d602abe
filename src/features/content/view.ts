import type { Status } from './status';

/** Badge style per status, for the board, lists and the post page. */
export const STATUS_BADGE: Record<Status, string> = {
  idea: '',
  draft: '',
  in_review: 'warn',
  approved: 'ok',
  scheduled: 'ok',
  published: 'ok',
  cancelled: 'err',
};

/** Black or white text, whichever reads better on a campaign colour (WCAG contrast). */
export function textOn(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return '#ffffff';
  const lin = (v: string) => {
    const c = Number.parseInt(v, 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin(m[1]!) + 0.7152 * lin(m[2]!) + 0.0722 * lin(m[3]!);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#1d1d1f';
}

export const NO_CAMPAIGN_COLOR = '#545458';
