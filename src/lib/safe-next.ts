/** Where to go after login: only a staff path on this site, never another host. */
export function safeNext(next: string | undefined | null): string {
  if (!next || !/^\/app(?:[/?#]|$)/.test(next) || next.includes('\\') || next.startsWith('//')) return '/app';
  return next;
}
