type Locale = 'es' | 'en';

/** A catalogue or settings text as a page shows it, with the language it is actually in. */
export interface ShownText {
  text: string;
  /** `lang` for the element that holds the text: set only when it differs from the page's. */
  lang: 'es-MX' | undefined;
  /** True on an English page showing Spanish because no English version was written. */
  spanishOnly: boolean;
}

/**
 * Picks the English version on English pages when there is one; otherwise the Spanish text,
 * marked `lang="es-MX"` on English pages so screen readers switch to a Spanish voice.
 */
export function localized(locale: Locale, es: string, en: string | null | undefined): ShownText {
  if (locale === 'en' && en && en.trim() !== '') return { text: en, lang: undefined, spanishOnly: false };
  const english = locale === 'en';
  return { text: es, lang: english ? 'es-MX' : undefined, spanishOnly: english && es.trim() !== '' };
}
