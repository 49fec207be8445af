import { diffConfig, REDACTED } from "./config-diff";
import type { ConfigChange } from "./contracts";

// Editing Patroni's dynamic configuration (admin): the keys `patronictl edit-config` edits, the
// PATCH /config body that turns the configuration as shown into the one edited (Patroni deep-merges
// it; null deletes a key), what it changes, and the checks Patroni's own validator would make. Pure.

/**
 * The dynamic configuration's keys (Patroni's docs, "Dynamic configuration settings"). `pause` is
 * left out: pausing is its own action, with its own preflight.
 */
export const EDITABLE_CONFIG_KEYS = [
  "ttl",
  "loop_wait",
  "retry_timeout",
  "maximum_lag_on_failover",
  "maximum_lag_on_syncnode",
  "max_timelines_history",
  "primary_start_timeout",
  "primary_stop_timeout",
  "master_start_timeout",
  "master_stop_timeout",
  "synchronous_mode",
  "synchronous_mode_strict",
  "synchronous_node_count",
  "failsafe_mode",
  "check_timeline",
  "member_slots_ttl",
  "postgresql",
  "standby_cluster",
  "slots",
  "ignore_slots",
] as const;
const EDITABLE: ReadonlySet<string> = new Set(EDITABLE_CONFIG_KEYS);

/** Whole seconds or bytes, never negative. */
const COUNTS = new Set([
  "ttl",
  "loop_wait",
  "retry_timeout",
  "maximum_lag_on_failover",
  "maximum_lag_on_syncnode",
  "max_timelines_history",
  "primary_start_timeout",
  "primary_stop_timeout",
  "master_start_timeout",
  "master_stop_timeout",
  "synchronous_node_count",
]);
const FLAGS = new Set(["synchronous_mode_strict", "failsafe_mode", "check_timeline"]);
/** Patroni's validator: below these it refuses the value (patroni/validator.py, ttl/loop_wait/retry_timeout). */
export const CONFIG_MINIMUMS = { ttl: 20, loop_wait: 1, retry_timeout: 3 } as const;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The part of /config the editor shows: every key but `pause`. */
export function editableConfig(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => key !== "pause"));
}

/** The PATCH body turning `before` into `after`: changed leaves, removed keys as null; {} when equal. */
export function configPatch(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = before[key];
    if (isObject(old) && isObject(value)) {
      const inner = configPatch(old, value);
      if (Object.keys(inner).length > 0) patch[key] = inner;
    } else if (!same(old, value)) patch[key] = value;
  }
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = null;
  return patch;
}

/** What a patch changes, leaf by leaf, against the configuration it is applied to. */
export function patchChanges(
  before: Record<string, unknown>,
  patch: Record<string, unknown>,
): ConfigChange[] {
  return diffConfig(before, applyPatch(before, patch));
}

/** Patroni's PATCH semantics: objects merge deeply, null deletes, anything else replaces. */
export function applyPatch(
  before: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...before };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key]))
      out[key] = applyPatch(out[key] as Record<string, unknown>, value);
    else out[key] = value;
  }
  return out;
}

/** The values a patch's leaves had in `raw` (undefined → null): what the editor started from. */
export function patchBase(
  raw: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const base: Record<string, unknown> = {};
  const walk = (p: Record<string, unknown>, r: unknown, path: string[]) => {
    for (const [key, value] of Object.entries(p)) {
      const old = isObject(r) ? r[key] : undefined;
      if (isObject(value) && isObject(old)) walk(value, old, [...path, key]);
      else base[[...path, key].join(".")] = old ?? null;
    }
  };
  walk(patch, raw, []);
  return base;
}

/** Whether `raw` still holds every value `base` recorded (nobody changed them meanwhile). */
export function baseHolds(raw: Record<string, unknown>, base: Record<string, unknown>): boolean {
  return Object.entries(base).every(([path, value]) => {
    let at: unknown = raw;
    for (const key of path.split(".")) at = isObject(at) ? at[key] : undefined;
    return same(at ?? null, value);
  });
}

export const CONFIG_EDIT_PROBLEMS = [
  "empty",
  "not_editable",
  "not_a_count",
  "below_minimum",
  "not_a_flag",
  "bad_synchronous_mode",
  "loop_wait_too_long",
  "redacted_value",
  "bad_parameter",
] as const;
export type ConfigEditProblem = { code: (typeof CONFIG_EDIT_PROBLEMS)[number]; key: string };

/**
 * What Patroni would refuse or what cannot be meant: keys outside the dynamic configuration, counts
 * that are not whole non-negative numbers, values under Patroni's minimums, loop_wait + 2 × retry_timeout
 * over ttl (a leader could lose its key between two loops), and the redaction placeholder written back.
 * `after` is the configuration once patched.
 */
export function validateConfigPatch(
  patch: Record<string, unknown>,
  after: Record<string, unknown>,
): ConfigEditProblem[] {
  const problems: ConfigEditProblem[] = [];
  if (Object.keys(patch).length === 0) problems.push({ code: "empty", key: "" });
  const walkRedacted = (value: unknown, path: string) => {
    if (value === REDACTED) problems.push({ code: "redacted_value", key: path });
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) walkRedacted(v, `${path}.${k}`);
  };
  for (const [key, value] of Object.entries(patch)) {
    if (!EDITABLE.has(key)) {
      problems.push({ code: "not_editable", key });
      continue;
    }
    walkRedacted(value, key);
    if (value === null) continue;
    if (COUNTS.has(key) && !(Number.isInteger(value) && (value as number) >= 0))
      problems.push({ code: "not_a_count", key });
    else if (
      key in CONFIG_MINIMUMS &&
      (value as number) < CONFIG_MINIMUMS[key as keyof typeof CONFIG_MINIMUMS]
    )
      problems.push({ code: "below_minimum", key });
    if (FLAGS.has(key) && typeof value !== "boolean") problems.push({ code: "not_a_flag", key });
    if (key === "synchronous_mode" && typeof value !== "boolean" && value !== "quorum")
      problems.push({ code: "bad_synchronous_mode", key });
    if (key === "postgresql" && isObject(value) && isObject(value.parameters))
      for (const [name, v] of Object.entries(value.parameters))
        if (v !== null && !["string", "number", "boolean"].includes(typeof v))
          problems.push({ code: "bad_parameter", key: `postgresql.parameters.${name}` });
  }
  const num = (key: keyof typeof CONFIG_MINIMUMS, fallback: number) =>
    typeof after[key] === "number" ? (after[key] as number) : fallback;
  // Patroni's defaults when unset: ttl 30, loop_wait 10, retry_timeout 10.
  if (num("loop_wait", 10) + 2 * num("retry_timeout", 10) > num("ttl", 30))
    problems.push({ code: "loop_wait_too_long", key: "loop_wait" });
  return problems;
}
