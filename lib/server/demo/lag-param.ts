import "server-only";

// A faithful port of Patroni's utils.parse_int(value, 'B'), which reads `?lag=` on the health
// endpoints. Quirks kept on purpose, because students poke at them with curl:
//   - units are case-sensitive: B, kB, MB, GB, TB ("10mb" is invalid, and an invalid value silently
//     disables the lag check);
//   - C strtol rules: "0x10" is hex, a leading 0 means octal ("010" = 8, "08MB" is invalid);
//   - "1.5MB" goes through strtod; unit values are rounded to the next smaller unit, then to an int
//     with Python's round-half-to-even.

const HEX_RE = /^[-+]?0x[0-9a-fA-F]+/;
const OCT_RE = /^[-+]?0[0-7]*/;
const DEC_RE = /^[-+]?(0|[1-9][0-9]*)/;
const DBL_RE = /^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?/;

/** Bytes per unit; the rounding step of each unit is the next unit down (GB rounds to whole MB…). */
const UNIT_BYTES: Record<string, number> = { TB: 1024 ** 4, GB: 1024 ** 3, MB: 1024 ** 2, kB: 1024, B: 1 };
const ROUND_TO: Record<string, string> = { TB: "GB", GB: "MB", MB: "kB", kB: "B" };

type Parsed = [value: number | null, rest: string];

function signed(text: string, base: number, prefixLength: number): number {
  const negative = text.startsWith("-");
  const digits = text.replace(/^[-+]/, "").slice(prefixLength);
  const value = digits === "" ? 0 : parseInt(digits, base);
  return negative ? -value : value;
}

function strtol(input: string): Parsed {
  const value = input.trim();
  const hex = HEX_RE.exec(value);
  if (hex) return [signed(hex[0], 16, 2), value.slice(hex[0].length)];
  const oct = OCT_RE.exec(value);
  if (oct) return [signed(oct[0], 8, 1), value.slice(oct[0].length)];
  const dec = DEC_RE.exec(value);
  if (dec) return [signed(dec[0], 10, 0), value.slice(dec[0].length)];
  return [null, value];
}

function strtod(input: string): Parsed {
  const value = input.trim();
  const match = DBL_RE.exec(value);
  return match ? [Number(match[0]), value.slice(match[0].length)] : [null, value];
}

/** Python 3's round(): halves go to the even neighbour. */
export function pyRound(x: number): number {
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
}

/**
 * Parses a `lag` query value to bytes, or null when Patroni would treat it as invalid
 * (then /replica etc. ignore the lag check and /readiness falls back to maximum_lag_on_failover).
 */
export function parseLagBytes(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  let [value, unit] = strtol(raw);
  if ((value === null && unit.startsWith(".")) || (unit !== "" && ".eE".includes(unit[0]!))) {
    [value, unit] = strtod(raw);
  }
  if (value === null) return null;
  unit = unit.trim();
  if (unit === "") return pyRound(value);
  const perUnit = UNIT_BYTES[unit];
  if (perUnit === undefined) return null;
  let bytes = value * perUnit;
  const roundUnit = ROUND_TO[unit];
  if (roundUnit !== undefined) {
    const step = UNIT_BYTES[roundUnit]!;
    bytes = pyRound(bytes / step) * step;
  }
  return pyRound(bytes);
}
