import type { Alert } from "@/lib/domain/contracts";
import type { ProbeCell } from "@/lib/domain/contracts-diagnostics";
import {
  ERROR_KINDS,
  type ClusterReadinessReason,
  type ErrorKind,
  type ReadinessReason,
} from "@/lib/domain/constants";
import { formatBytes, formatDuration, formatNumber } from "@/lib/domain/format";
import type { Locale, Params, T } from "./core";
import { errorKindLabel, stateLabel } from "./labels";

// Words for the diagnostics screens: an alert's title, explanation and check with its params formatted
// for the locale, readiness reasons, and endpoint-matrix cells. The API sends codes and plain values;
// every sentence is made here from the catalogs.

export interface AlertWords {
  title: string;
  explanation: string;
  check: string;
}

type AlertLike = Pick<Alert, "code" | "member" | "params">;

const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;
const str = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === "string" && (ERROR_KINDS as readonly string[]).includes(value);
}

/** The alert's params as the catalogs' sentences want them: bytes, durations and states in words. */
export function alertParams(t: T, locale: Locale, alert: AlertLike, members?: readonly string[]): Params {
  const p = alert.params;
  const out: Params = {};
  for (const [key, value] of Object.entries(p))
    if (typeof value === "string" || typeof value === "number") out[key] = value;
  out.member = members?.length ? members.join(", ") : (alert.member ?? str(p.apiUrl) ?? "—");
  // The error kind is translated; the server's message (English, with the URL) is only a fallback.
  out.error = isErrorKind(p.errorKind)
    ? errorKindLabel(t, p.errorKind)
    : (str(p.error) ?? t("alerts.noAnswer"));
  const ms = (value: unknown) => {
    const n = num(value);
    return n === null ? "—" : `${formatNumber(Math.round(n), locale)} ms`;
  };
  const bytes = (value: unknown) => {
    const n = num(value);
    return n === null ? "—" : formatBytes(n, locale);
  };
  if ("lagBytes" in p) out.lagBytes = bytes(p.lagBytes);
  if ("thresholdBytes" in p) out.thresholdBytes = bytes(p.thresholdBytes);
  // A setting's name (lag_warning_bytes or maximum_lag_on_failover): shown as written in the YAML.
  out.thresholdName = str(p.thresholdName) ?? "maximum_lag_on_failover";
  if ("latencyMs" in p) out.latencyMs = ms(p.latencyMs);
  if ("timeoutMs" in p) out.timeoutMs = ms(p.timeoutMs);
  if ("ttlSeconds" in p)
    out.ttlSeconds = num(p.ttlSeconds) === null ? "—" : formatDuration(num(p.ttlSeconds)! * 1000, locale);
  if (typeof p.state === "string") out.state = stateLabel(t, p.state);
  if (num(p.daysLeft) !== null) {
    out.daysLeft = formatNumber(num(p.daysLeft)!, locale);
    out.daysAgo = formatNumber(Math.max(0, -num(p.daysLeft)!), locale);
  }
  for (const key of ["timeline", "leaderTimeline"])
    if (num(p[key]) !== null) out[key] = formatNumber(num(p[key])!, locale);
  return out;
}

/** Which explanation the alert's params call for (a variant where the default cannot say it). */
function explanationKey(alert: AlertLike) {
  const p = alert.params;
  switch (alert.code) {
    case "no_data":
      return p.error ? ("alert.no_data.explanation.error" as const) : ("alert.no_data.explanation" as const);
    case "no_leader":
      return p.source === "cluster_unlocked"
        ? ("alert.no_leader.explanation.unlocked" as const)
        : ("alert.no_leader.explanation" as const);
    case "pending_restart":
      return str(p.changes)
        ? ("alert.pending_restart.explanation" as const)
        : ("alert.pending_restart.explanation.unknown" as const);
    case "tls_cert_expiring":
      return p.expired === true
        ? ("alert.tls_cert_expiring.explanation.expired" as const)
        : ("alert.tls_cert_expiring.explanation" as const);
    case "api_slow":
      return p.timedOut === true || num(p.latencyMs) === null
        ? ("alert.api_slow.explanation.timeout" as const)
        : ("alert.api_slow.explanation" as const);
    default:
      return `alert.${alert.code}.explanation` as const;
  }
}

/** Title, explanation and what to check, in the locale; `members` names a group of members at once. */
export function alertWords(t: T, locale: Locale, alert: AlertLike, members?: readonly string[]): AlertWords {
  const params = alertParams(t, locale, alert, members);
  return {
    title: t(`alert.${alert.code}.title`, params),
    explanation: t(explanationKey(alert), params),
    check: t(`alert.${alert.code}.check`, params),
  };
}

export function readinessReasonLabel(t: T, reason: ReadinessReason | ClusterReadinessReason): string {
  return t(`readiness.reason.${reason}`);
}

/** A matrix cell in words: "200: yes", "503: no", "Connection refused", "not in this version". */
export function probeResult(t: T, cell: Pick<ProbeCell, "status" | "outcome" | "error">): string {
  switch (cell.outcome) {
    case "up":
      return `${cell.status ?? 200}: ${t("matrix.yes")}`;
    case "down":
      return `${cell.status ?? "—"}: ${t("matrix.no")}`;
    case "error":
      return cell.error ? errorKindLabel(t, cell.error) : t("alerts.noAnswer");
    case "not_in_version":
      return t("matrix.notInVersion");
    default:
      return t("matrix.notProbed");
  }
}
