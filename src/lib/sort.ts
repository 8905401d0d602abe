/**
 * Sorting people-facing names the way a Spanish reader expects: "Gómez Farías" before "Guerrero",
 * "Juárez" before "Julimes", case and accents compared as a dictionary would. One collator per
 * locale, made once. Runs in the browser too.
 */
const collators = new Map<string, Intl.Collator>();

export function collator(locale: 'es' | 'en' = 'es'): Intl.Collator {
  let c = collators.get(locale);
  if (!c) {
    c = new Intl.Collator(locale === 'es' ? 'es-MX' : 'en', { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Compares two names in Spanish dictionary order. */
export function compareNames(a: string, b: string, locale: 'es' | 'en' = 'es'): number {
  return collator(locale).compare(a, b);
}

/**
 * A copy of `items` sorted by `name`, with the keys in `first` (in that order) ahead of the
 * rest: Chihuahua and Juárez lead the municipality lists, where they are the usual choice.
 */
export function sortByName<T>(
  items: readonly T[],
  name: (item: T) => string,
  options: { first?: readonly string[]; key?: (item: T) => string; locale?: 'es' | 'en' } = {},
): T[] {
  const first = options.first ?? [];
  const key = options.key ?? name;
  const rank = (item: T) => {
    const i = first.indexOf(key(item));
    return i === -1 ? first.length : i;
  };
  return [...items].sort(
    (a, b) => rank(a) - rank(b) || compareNames(name(a), name(b), options.locale ?? 'es'),
  );
}

/** INEGI keys of the municipalities most requests come from: Chihuahua (08019) and Juárez (08037). */
export const USUAL_MUNICIPALITIES = ['08019', '08037'] as const;
