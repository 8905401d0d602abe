/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/auth/session').SessionUser | null;
    session: import('./lib/server/auth/session').Session | null;
    ip: string | null;
    /** Set by the public page cache: open or closed, decided once per request (PublicLayout). */
    openingState?: import('./lib/opening-hours').OpeningState;
    /** Set by a public page whose content changes with the clock alone: the epoch ms it stops being right (page cache). */
    pageCacheUntil?: number | undefined;
    /** Set by the middleware before it rewrites to src/pages/problema.astro (refusals, outages). */
    problem?: import('./lib/server/error-page').Problem;
  }
}
