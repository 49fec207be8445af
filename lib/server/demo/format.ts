import "server-only";

// Value formats exactly as Patroni (Python) prints them.

/** PostgreSQL's LSN text, "X/Y" in upper-case hex, as /cluster (4.1+) shows it. */
export { formatLsn } from "@/lib/domain/lsn";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function parts(usec: number) {
  const ms = Math.floor(usec / 1000);
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const micro = ((usec % 1_000_000) + 1_000_000) % 1_000_000;
  // Python's isoformat() drops the fraction entirely when microsecond == 0.
  const frac = micro === 0 ? "" : `.${pad(micro, 6)}`;
  return { date, time, frac };
}

/**
 * Python's str(datetime) with a UTC offset: "2026-11-25 19:23:12.487742+00:00" (space, not T).
 * Used by postmaster_start_time and xlog.replayed_timestamp. Input: epoch microseconds.
 */
export function pyTimestamp(usec: number): string {
  const { date, time, frac } = parts(usec);
  return `${date} ${time}${frac}+00:00`;
}

/** isoformat() with "T": /history rows and scheduled times. Input: epoch microseconds. */
export function isoTimestamp(usec: number): string {
  const { date, time, frac } = parts(usec);
  return `${date}T${time}${frac}+00:00`;
}

/** Python's repr() of a float as /metrics prints it: 1795634592.487742, or 5.0 for whole values. */
export function pyFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/** The HTTP Date header as Python's date_time_string() writes it (RFC 7231 IMF-fixdate). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}
