/**
 * pdf-lib's standard fonts (Helvetica, Times) encode WinAnsi (Windows-1252) only: Spanish
 * accents, ñ, ü, ¿ and ¡ are there, but a name in another script, a Polish Ł or an emoji is not,
 * and pdf-lib throws on it. Every string drawn on a constancia goes through `toWinAnsi` first:
 * letters with marks lose the marks they cannot keep (ǎ → a, ș → s), a few letters and all of
 * Greek and Cyrillic are spelled out in Latin letters, and anything else left is dropped, so a
 * name can never turn a download into an error. The check page (HTML) shows the name as written.
 */

/** The code points beyond Latin-1 that Windows-1252 has (0x80–0x9F). */
const CP1252_EXTRA = new Set(
  [
    0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017d,
    0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x017e,
    0x0178,
  ].map((c) => String.fromCodePoint(c)),
);

/** Whether the standard fonts can draw this one character. */
export function isWinAnsi(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  if (cp === 0x0a) return true;
  if (cp >= 0x20 && cp <= 0x7e) return true;
  if (cp >= 0xa0 && cp <= 0xff) return true;
  return CP1252_EXTRA.has(ch);
}

// Letters that do not decompose into a base letter and a mark.
const LETTERS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    Ł: 'L',
    ł: 'l',
    Đ: 'D',
    đ: 'd',
    Ħ: 'H',
    ħ: 'h',
    ı: 'i',
    Ŧ: 'T',
    ŧ: 't',
    Ŋ: 'N',
    ŋ: 'n',
    ĸ: 'k',
    ſ: 's',
    Ə: 'E',
    ə: 'e',
    Ɛ: 'E',
    ɛ: 'e',
    Ɔ: 'O',
    ɔ: 'o',
    ʼ: "'",
    ʻ: "'",
    '\u2032': "'",
    '\u2033': '"',
    '\u2010': '-',
    '\u2011': '-',
    '\u2012': '-',
    '\u2212': '-',
    '\u00ad': '',
    '\u200b': '',
    '\u200c': '',
    '\u200d': '',
    '\u2060': '',
    '\ufeff': '',
    '\u202f': ' ',
    '\u2007': ' ',
    '\u2009': ' ',
    '\u3000': ' ',
  }),
);

// Greek and Cyrillic, letter by letter (ISO 9 / ELOT 743 simplified): enough for a readable name.
const SCRIPTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    А: 'A',
    Б: 'B',
    В: 'V',
    Г: 'G',
    Ґ: 'G',
    Д: 'D',
    Е: 'E',
    Ё: 'Yo',
    Є: 'Ye',
    Ж: 'Zh',
    З: 'Z',
    И: 'I',
    І: 'I',
    Ї: 'Yi',
    Й: 'Y',
    К: 'K',
    Л: 'L',
    М: 'M',
    Н: 'N',
    О: 'O',
    П: 'P',
    Р: 'R',
    С: 'S',
    Т: 'T',
    У: 'U',
    Ф: 'F',
    Х: 'Kh',
    Ц: 'Ts',
    Ч: 'Ch',
    Ш: 'Sh',
    Щ: 'Shch',
    Ъ: '',
    Ы: 'Y',
    Ь: '',
    Э: 'E',
    Ю: 'Yu',
    Я: 'Ya',
    а: 'a',
    б: 'b',
    в: 'v',
    г: 'g',
    ґ: 'g',
    д: 'd',
    е: 'e',
    ё: 'yo',
    є: 'ye',
    ж: 'zh',
    з: 'z',
    и: 'i',
    і: 'i',
    ї: 'yi',
    й: 'y',
    к: 'k',
    л: 'l',
    м: 'm',
    н: 'n',
    о: 'o',
    п: 'p',
    р: 'r',
    с: 's',
    т: 't',
    у: 'u',
    ф: 'f',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ъ: '',
    ы: 'y',
    ь: '',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    Α: 'A',
    Β: 'V',
    Γ: 'G',
    Δ: 'D',
    Ε: 'E',
    Ζ: 'Z',
    Η: 'I',
    Θ: 'Th',
    Ι: 'I',
    Κ: 'K',
    Λ: 'L',
    Μ: 'M',
    Ν: 'N',
    Ξ: 'X',
    Ο: 'O',
    Π: 'P',
    Ρ: 'R',
    Σ: 'S',
    Τ: 'T',
    Υ: 'Y',
    Φ: 'F',
    Χ: 'Ch',
    Ψ: 'Ps',
    Ω: 'O',
    α: 'a',
    β: 'v',
    γ: 'g',
    δ: 'd',
    ε: 'e',
    ζ: 'z',
    η: 'i',
    θ: 'th',
    ι: 'i',
    κ: 'k',
    λ: 'l',
    μ: 'm',
    ν: 'n',
    ξ: 'x',
    ο: 'o',
    π: 'p',
    ρ: 'r',
    σ: 's',
    ς: 's',
    τ: 't',
    υ: 'y',
    φ: 'f',
    χ: 'ch',
    ψ: 'ps',
    ω: 'o',
  }),
);

/** One character made drawable: kept, spelled in Latin letters, stripped of its marks, or dropped. */
function transliterate(ch: string): string {
  if (isWinAnsi(ch)) return ch;
  const mapped = LETTERS.get(ch) ?? SCRIPTS.get(ch);
  if (mapped !== undefined) return mapped;
  // Decompose and keep what survives: "ǎ" → "a" + ˇ → "a"; "ș" → "s".
  const decomposed = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (decomposed && decomposed !== ch) return [...decomposed].map(transliterate).join('');
  // Compatibility forms: full-width "Ａ" → "A", ligature "ﬁ" → "fi".
  const compat = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (compat && compat !== ch && [...compat].every(isWinAnsi)) return compat;
  // Another mark left alone, a symbol, an emoji, a letter of another script: nothing to draw.
  return '';
}

/**
 * `text` in characters the standard fonts can draw. Spanish passes through untouched (it is in
 * NFC first, so a decomposed "é" from a phone keyboard stays "é"). Spaces left doubled by
 * dropped characters are closed up; an all-dropped name gives `fallback`.
 */
export function toWinAnsi(text: string, fallback = ''): string {
  const out = [...text.normalize('NFC')]
    .map(transliterate)
    .join('')
    .replace(/[\t\r ]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
  return out === '' ? fallback : out;
}
