import type { MessageKey } from "./en";

// Our own small i18n layer without its catalogs: locales, `{param}` interpolation and a translator
// over one catalog. Client code imports this (and client.tsx) only, so a page ships the catalog of
// its own locale — handed down by the root layout — and never both.

export type { MessageKey } from "./en";

export const LOCALES = ["en", "vi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
export const LOCALE_COOKIE = "locale";

export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export interface T {
  (key: MessageKey, params?: Params): string;
  /** For keys built at run time (problem codes, states): whether the catalog has them. */
  has(key: string): key is MessageKey;
}

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

/** A translator over one catalog. A missing key shows as itself, which the i18n tests catch. */
export function makeT(messages: Messages): T {
  const t = (key: MessageKey, params?: Params) => interpolate(messages[key] ?? key, params);
  return Object.assign(t, { has: (key: string): key is MessageKey => Object.hasOwn(messages, key) });
}
