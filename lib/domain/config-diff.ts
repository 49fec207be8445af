import type { ConfigChange } from "./contracts";

// Deep diff of Patroni's dynamic configuration (/config), and the redaction applied to anything raw we
// pass on. Pure. Objects are compared key by key; arrays (pg_hba, pg_ident) and scalars are leaves,
// because an index-by-index diff of pg_hba lines says less than the old and new list side by side.

/**
 * Keys whose values are never shown: passwords, secrets, tokens, and libpq connection strings (a
 * `primary_conninfo` may carry a password). `password_encryption` is a setting, not a secret.
 */
const SECRET_KEY = /(^|_)(password|passwd|secret|token)$|conninfo/i;
export const REDACTED = "(redacted)";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A deep copy with the value of every secret-looking key replaced by REDACTED. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : redactSecrets(v)]),
  );
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Every leaf that differs between two /config objects, in key order. Values are redacted. */
export function diffConfig(before: Record<string, unknown>, after: Record<string, unknown>): ConfigChange[] {
  const changes: ConfigChange[] = [];
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) walk(a[key], b[key], [...path, key]);
      return;
    }
    if (same(a, b)) return;
    const secret = path.some((segment) => SECRET_KEY.test(segment));
    const show = (v: unknown) => (v === undefined ? null : secret ? REDACTED : redactSecrets(v));
    changes.push({
      key: path.join("."),
      path,
      kind: a === undefined ? "added" : b === undefined ? "removed" : "changed",
      oldValue: show(a),
      newValue: show(b),
    });
  };
  walk(before, after, []);
  return changes;
}

/**
 * "max_connections 100 → 110" for a change under postgresql.parameters (values as JSON text); `unset`
 * is the word for a value that is not set, in the reader's language on screens.
 */
export function describeChange(change: ConfigChange, unset = "(unset)"): string {
  const text = (v: unknown) => (v === null ? unset : typeof v === "string" ? v : JSON.stringify(v));
  return `${change.path.at(-1) ?? change.key} ${text(change.oldValue)} → ${text(change.newValue)}`;
}
