/**
 * The one Content-Security-Policy. astro.config.mjs gives these directives to Astro, which adds
 * `script-src` with the hashes of each page's scripts (and the style directive) to every page it
 * renders; responses Astro does not render (error pages from the middleware, redirects, files)
 * get the same directives with `script-src 'self'`. No `unsafe-inline` for scripts, ever.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
] as const;

/** Styles may be inline (Svelte and FullCalendar set style attributes); scripts may not. */
export const CSP_STYLE_RESOURCES = ["'self'", "'unsafe-inline'"] as const;

/** The policy for a response that carries no script of its own. */
export const FALLBACK_CSP = [
  ...CSP_DIRECTIVES,
  "script-src 'self'",
  `style-src ${CSP_STYLE_RESOURCES.join(' ')}`,
].join('; ');
