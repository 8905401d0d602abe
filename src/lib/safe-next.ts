/**
 * Where to go after login: only a staff path on this site, never another host, and nothing a
 * `Location` header cannot carry (a CR/LF, another control character or a space, as in
 * `next=/app?%0D%0AX-Injected:%201`, would otherwise make the redirect itself fail): `/app`.
 */
export function safeNext(next: string | undefined | null): string {
  if (
    !next ||
    next.length > 2000 ||
    !/^\/app(?:[/?#]|$)/.test(next) ||
    next.includes('\\') ||
    next.startsWith('//') ||
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0020\u007F-\u009F\u2028\u2029]/.test(next)
  )
    return '/app';
  return next;
}
