// Locale-aware formatting of numbers, sizes, durations and times. Pure: the locale and (where a result
// depends on it) the time zone are parameters, and no function here reads the clock.
// NOTE: unit words are our own tables, not Intl's "unit" style, whose wording differs between ICU
// versions (Node vs the browser) and would make server and client render different text.

export type FormatLocale = "en" | "vi";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: FormatLocale, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      maximumFractionDigits: fractionDigits,
      minimumFractionDigits: 0,
    });
    numberFormats.set(key, format);
  }
  return format;
}

export function formatNumber(value: number, locale: FormatLocale, fractionDigits = 0): string {
  return numberFormat(locale, fractionDigits).format(value);
}

/** Binary units as PostgreSQL's pg_size_pretty names them: 1 kB = 1024 bytes. */
const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

/**
 * Bytes in human units, 1024-based like pg_size_pretty: "0 B", "512 B", "9.5 MB", "12 GB".
 * One decimal below 10 of a unit, none above, so a lag that creeps up reads calmly.
 */
export function formatBytes(bytes: number, locale: FormatLocale): string {
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  // Round first so 1023.96 kB does not print as "1,024 kB".
  const rounded = Number(value.toFixed(digits));
  if (rounded >= 1024 && unit < BYTE_UNITS.length - 1) {
    return `${sign}${formatNumber(1, locale)} ${BYTE_UNITS[unit + 1]}`;
  }
  return `${sign}${formatNumber(rounded, locale, digits)} ${BYTE_UNITS[unit]}`;
}

const DURATION_UNITS: Record<FormatLocale, { d: string; h: string; min: string; s: string }> = {
  en: { d: "d", h: "h", min: "min", s: "s" },
  vi: { d: "ngày", h: "giờ", min: "phút", s: "giây" },
};

/**
 * A span of time in at most two units: "3 s", "2 min 5 s", "1 h 4 min", "3 d 2 h" (vi: "3 giây",
 * "2 phút 5 giây"…). Negative spans (clock skew) read as 0.
 */
export function formatDuration(ms: number, locale: FormatLocale): string {
  const units = DURATION_UNITS[locale];
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const n = (value: number) => formatNumber(value, locale);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const pair = (a: number, ua: string, b: number, ub: string) =>
    b > 0 ? `${n(a)} ${ua} ${n(b)} ${ub}` : `${n(a)} ${ua}`;
  if (days > 0) return pair(days, units.d, hours, units.h);
  if (hours > 0) return pair(hours, units.h, minutes, units.min);
  if (minutes > 0) return pair(minutes, units.min, seconds, units.s);
  return `${n(seconds)} ${units.s}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(
  locale: FormatLocale,
  timeZone: string | undefined,
  withDate: boolean,
): Intl.DateTimeFormat {
  const key = `${locale}:${timeZone ?? ""}:${withDate}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(withDate ? { year: "numeric", month: "2-digit", day: "2-digit" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    dateFormats.set(key, format);
  }
  return format;
}

/** Date and time, 24-hour clock: "11/25/2026, 19:24:57" (en), "19:24:57 25/11/2026" (vi). */
export function formatDateTime(ms: number, locale: FormatLocale, timeZone?: string): string {
  return dateFormat(locale, timeZone, true).format(ms);
}

/** Time of day only, 24-hour clock: "19:24:57". */
export function formatTime(ms: number, locale: FormatLocale, timeZone?: string): string {
  return dateFormat(locale, timeZone, false).format(ms);
}
