import * as core from './messages/core';
import * as content from './messages/content';
import * as reports from './messages/reports';
import * as requests from './messages/requests';
import * as scheduling from './messages/scheduling';
import * as events from './messages/events';
import * as cases from './messages/cases';
import * as publicSite from './messages/public';

/**
 * UI text lives in dictionaries, one file per area under messages/ (each exports `es` and
 * `en` with the same keys). Add an area here: `...area.es` / `...area.en`.
 */
const es = {
  ...core.es,
  ...content.es,
  ...requests.es,
  ...scheduling.es,
  ...events.es,
  ...cases.es,
  ...reports.es,
  ...publicSite.es,
} as const;
const en: Record<keyof typeof es, string> = {
  ...core.en,
  ...content.en,
  ...requests.en,
  ...scheduling.en,
  ...events.en,
  ...cases.en,
  ...reports.en,
  ...publicSite.en,
};

export type Locale = 'es' | 'en';
export type MessageKey = keyof typeof es;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { es, en };

/** Looks a message up and fills `{placeholders}`. */
export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = dictionaries[locale][key] ?? es[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Whether `key` is a message: for values that name their label by a key pattern (`inst.${type}`). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/** A translator bound to one locale, for templates. */
export function translator(locale: Locale) {
  return (key: MessageKey, params?: Record<string, string | number>) => t(locale, key, params);
}

export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'es';
}

export const HTML_LANG: Record<Locale, string> = { es: 'es-MX', en: 'en' };

export { localized, type ShownText } from './localized';
