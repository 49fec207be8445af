import { ERROR_KINDS, type ErrorKind, type Tone } from "@/lib/domain/constants";
import type { EventKind } from "@/lib/domain/constants";
import type { EventLogEntry } from "@/lib/domain/contracts";
import { formatBytes } from "@/lib/domain/format";
import type { Locale, T } from "@/lib/i18n";
import { errorKindLabel } from "@/lib/i18n/labels";

// One event log entry as a plain-language sentence in the viewer's language. Pure, so the sentences
// are tested without rendering: the server sends machine values (names, bytes, error kinds), the
// words and units come from the catalogs and lib/domain/format here.

function isErrorKind(value: string | null): value is ErrorKind {
  return value !== null && (ERROR_KINDS as readonly string[]).includes(value);
}

function bytes(value: string | null, locale: Locale): string {
  const n = value === null ? Number.NaN : Number(value);
  return Number.isFinite(n) ? formatBytes(n, locale) : "—";
}

export function eventText(t: T, locale: Locale, e: EventLogEntry): string {
  const member = e.member ?? "—";
  switch (e.kind) {
    case "leader_lost":
      return t("events.kind.leader_lost", { from: e.from ?? e.member ?? t("events.nobody") });
    case "leader_elected": {
      const to = e.to ?? member;
      if (e.from === null) return t("events.kind.leader_first", { to });
      if (e.from === to) return t("events.kind.leader_again", { to });
      return t("events.kind.leader_elected", { from: e.from, to });
    }
    case "timeline_changed":
      return t("events.kind.timeline_changed", { from: e.from ?? "?", to: e.to ?? "?" });
    case "node_unreachable":
      return t("events.kind.node_unreachable", {
        member,
        reason: isErrorKind(e.detail) ? errorKindLabel(t, e.detail) : t("events.noReason"),
      });
    case "node_reachable":
      return t("events.kind.node_reachable", { member });
    case "member_missing":
      return t("events.kind.member_missing", { member });
    case "member_back":
      return t("events.kind.member_back", { member });
    case "lag_over":
      return t("events.kind.lag_over", { member, lag: bytes(e.to, locale), limit: bytes(e.detail, locale) });
    case "lag_recovered":
      return t("events.kind.lag_recovered", { member, lag: bytes(e.to, locale) });
    case "pending_restart":
      return e.detail
        ? t("events.kind.pending_restart", { member, params: e.detail })
        : t("events.kind.pending_restart_any", { member });
    case "pending_restart_cleared":
      return t("events.kind.pending_restart_cleared", { member });
    case "paused":
      return t("events.kind.paused");
    case "resumed":
      return t("events.kind.resumed");
    case "config_changed":
      return t("events.kind.config_changed", { keys: e.detail ?? "—" });
  }
}

/** How an entry looks: bad news red, recoveries green, leadership in the accent colour. */
export const EVENT_TONES: Record<EventKind, Tone | "accent" | "neutral"> = {
  leader_lost: "crit",
  leader_elected: "accent",
  timeline_changed: "accent",
  node_unreachable: "crit",
  node_reachable: "ok",
  member_missing: "crit",
  member_back: "ok",
  lag_over: "warn",
  lag_recovered: "ok",
  pending_restart: "warn",
  pending_restart_cleared: "ok",
  paused: "warn",
  resumed: "ok",
  config_changed: "neutral",
};
