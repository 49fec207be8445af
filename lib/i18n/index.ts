import { en, type MessageKey } from "./en";
import { vi } from "./vi";

// Our own small i18n layer: two typed catalogs, `{param}` interpolation, a locale chosen by the
// `locale` cookie. Isomorphic: server components use getT() (server.ts), client components useT()
// (client.tsx); both end in createT() here, so the server's HTML and the hydrated client agree.

export type { MessageKey } from "./en";

export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "locale";

export type Messages = Record<MessageKey, string>;
export const CATALOGS: Record<Locale, Messages> = { en, vi };

export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The locale a cookie value names, else the default. */
export function localeFrom(value: string | undefined | null): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** Replaces each `{name}` with params.name; unknown parameters stay visible, which a test catches. */
export function interpolate(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const cache = new Map<Locale, T>();

export function createT(locale: Locale): T {
  let t = cache.get(locale);
  if (!t) {
    const messages = CATALOGS[locale];
    t = (key, params) => interpolate(messages[key] ?? en[key] ?? key, params);
    cache.set(locale, t);
  }
  return t;
}

/** For keys built at run time (problem codes, states): whether the catalog has them. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
