// Pure helpers of the config view: /config's raw JSON split into the PostgreSQL parameters and the
// keys the settings table does not already show, flattened to dotted keys, and values as text.

/** Shown in the settings table with an explanation (config-view.tsx), so not repeated as "other keys". */
export const SETTING_KEYS: ReadonlySet<string> = new Set([
  "ttl",
  "loop_wait",
  "retry_timeout",
  "maximum_lag_on_failover",
  "synchronous_mode",
  "synchronous_mode_strict",
  "synchronous_node_count",
  "failsafe_mode",
  "pause",
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `postgresql.parameters` as [name, value] pairs, by name. */
export function postgresParameters(raw: Record<string, unknown>): Array<[string, unknown]> {
  const pg = raw.postgresql;
  const params = isPlainObject(pg) && isPlainObject(pg.parameters) ? pg.parameters : {};
  return Object.entries(params).sort(([a], [b]) => a.localeCompare(b));
}

/** Every other leaf as [dotted key, value]: objects are walked, arrays (pg_hba…) stay one value. */
export function otherConfigKeys(raw: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const walk = (value: unknown, path: string[]) => {
    if (isPlainObject(value) && Object.keys(value).length > 0) {
      for (const key of Object.keys(value).sort()) walk(value[key], [...path, key]);
      return;
    }
    out.push([path.join("."), value]);
  };
  for (const key of Object.keys(raw).sort()) {
    if (SETTING_KEYS.has(key)) continue;
    const value = raw[key];
    if (key === "postgresql" && isPlainObject(value)) {
      const { parameters: _parameters, ...rest } = value;
      for (const sub of Object.keys(rest).sort()) walk(rest[sub], [key, sub]);
      continue;
    }
    walk(value, [key]);
  }
  return out;
}

/** A JSON value as one line of text: strings as they are, everything else as JSON. */
export function configValueText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "—";
  return JSON.stringify(value);
}
