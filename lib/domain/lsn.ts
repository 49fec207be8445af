// PostgreSQL LSNs: Patroni reports them as integers (bytes from 0/0) in /patroni and /history but as
// "X/Y" hex text in /cluster (4.1+). Inside the dashboard an LSN is always a number of bytes.
// NOTE: a JS number is exact up to 2^53 bytes (8 PiB of WAL), far beyond any real cluster.

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

/** Parses "16/B374D848" to bytes; null for anything else (including Patroni's "unknown"). */
export function parseLsnText(text: string): number | null {
  const match = LSN_TEXT.exec(text.trim());
  if (!match) return null;
  return parseInt(match[1]!, 16) * 2 ** 32 + parseInt(match[2]!, 16);
}

/** Formats bytes as PostgreSQL prints an LSN: upper-case hex, "X/Y". */
export function formatLsn(bytes: number): string {
  const high = Math.floor(bytes / 2 ** 32);
  const low = bytes - high * 2 ** 32;
  return `${high.toString(16).toUpperCase()}/${low.toString(16).toUpperCase()}`;
}
