import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "./index";

// Which language a request gets. A saved choice (the `locale` cookie, set by the switch or by a
// `?lang=` link) always wins; without one, the browser's Accept-Language decides, so a vi-VN browser
// sees Vietnamese on its first visit. Pure functions: the proxy, the layout and the tests share them.

interface Range {
  tag: string;
  q: number;
  order: number;
}

/** Accept-Language parsed into language ranges, best first (q descending, then as written). */
export function parseAcceptLanguage(header: string | null | undefined): Range[] {
  if (!header) return [];
  const ranges: Range[] = [];
  header.split(",").forEach((part, order) => {
    const [rawTag, ...params] = part.trim().split(";");
    const tag = rawTag?.trim().toLowerCase() ?? "";
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) return;
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(param);
      if (m) q = Number(m[1]);
    }
    if (q > 0 && q <= 1) ranges.push({ tag, q, order });
  });
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order);
}

/** The first of our locales the browser asks for ("vi-VN" matches vi); the default when none is. */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  for (const { tag } of parseAcceptLanguage(acceptLanguage)) {
    if (tag === "*") return DEFAULT_LOCALE;
    const primary = tag.split("-")[0];
    const match = LOCALES.find((locale) => locale === primary);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}

/** A `?lang=` value that names one of our locales, else null (anything else is ignored). */
export function localeFromQuery(value: string | null | undefined): Locale | null {
  const v = value?.trim().toLowerCase();
  return isLocale(v) ? v : null;
}

/** The request's language: the saved cookie if it names a locale, else Accept-Language. */
export function requestLocale(
  cookie: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Locale {
  return isLocale(cookie) ? cookie : negotiateLocale(acceptLanguage);
}
