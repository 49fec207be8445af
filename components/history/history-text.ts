import { describeChange } from "@/lib/domain/config-diff";
import type { Tone } from "@/lib/domain/constants";
import { formatDuration } from "@/lib/domain/format";
import type { HistoryEvent, HistoryEventKind } from "@/lib/domain/history-events";
import type { Locale, T } from "@/lib/i18n/core";
import { actionLabel, actionOutcomeLabel, problemTitle, severityLabel, stateLabel } from "@/lib/i18n/labels";

// One stored event as a sentence in the viewer's language, and its tone. Pure (tested without
// rendering): the store keeps machine values; words and units come from the catalogs here.

export type HistoryTone = Tone | "accent" | "neutral";

export function historyTone(event: HistoryEvent): HistoryTone {
  switch (event.kind) {
    case "leader_changed":
      return event.to === null ? "crit" : "accent";
    case "alert_opened":
      return event.severity === "critical" ? "crit" : event.severity === "warning" ? "warn" : "unknown";
    case "alert_resolved":
    case "member_joined":
    case "resumed":
      return "ok";
    case "member_left":
    case "paused":
    case "notification_failed":
      return "warn";
    default:
      return "neutral";
  }
}

export function kindLabel(t: T, kind: HistoryEventKind): string {
  return t(`historyView.kind.${kind}`);
}

/** At most this many config changes spelled out in one line; the rest are counted. */
const MAX_CHANGES_IN_LINE = 3;

export function historyText(t: T, locale: Locale, e: HistoryEvent): string {
  const unknown = t("historyView.unknown");
  switch (e.kind) {
    case "leader_changed": {
      const timeline = e.timeline ?? unknown;
      if (e.to === null) return t("historyView.text.leader_lost", { from: e.from ?? unknown });
      if (e.from === null) return t("historyView.text.leader_first", { to: e.to, timeline });
      return t("historyView.text.leader_changed", { from: e.from, to: e.to, timeline });
    }
    case "timeline_changed":
      return t("historyView.text.timeline_changed", { from: e.from, to: e.to });
    case "member_state_changed":
      return t("historyView.text.member_state_changed", {
        member: e.member ?? unknown,
        from: stateLabel(t, e.from),
        to: stateLabel(t, e.to),
      });
    case "member_joined":
    case "member_left":
      return t(`historyView.text.${e.kind}`, { member: e.member ?? unknown });
    case "alert_opened":
      return t("historyView.text.alert_opened", {
        severity: severityLabel(t, e.severity),
        title: alertTitle(t, e.code, e.member),
      });
    case "alert_resolved":
      return t("historyView.text.alert_resolved", {
        duration: formatDuration(e.durationMs, locale),
        title: alertTitle(t, e.code, e.member),
      });
    case "config_changed": {
      const shown = e.diff.slice(0, MAX_CHANGES_IN_LINE).map((c) => describeChange(c, t("cfgEdit.unset")));
      const more = e.diff.length - shown.length;
      return t("historyView.text.config_changed", {
        changes: more > 0 ? `${shown.join(", ")} (+${more})` : shown.join(", "),
      });
    }
    case "paused":
    case "resumed":
      return t(`historyView.text.${e.kind}`);
    case "notification_sent":
    case "notification_failed":
      return t(`historyView.text.${e.kind}`, {
        channel: e.channel,
        subject: t(`historyView.subject.${e.subject}`),
        title: alertTitle(t, e.code, e.member),
        status: e.status ?? unknown,
        attempt: e.attempt,
        error: e.error ?? unknown,
      });
    case "action":
      return t("historyView.text.action", {
        user: e.user,
        action: actionLabel(t, e.action),
        outcome: actionOutcomeLabel(t, e.outcome),
        status: e.patroniStatus ?? e.status,
      });
    case "action_outcome":
      return t(
        e.completed ? "historyView.text.action_outcome_done" : "historyView.text.action_outcome_partial",
        {
          action: actionLabel(t, e.action),
          to: e.to ?? unknown,
          duration: formatDuration(e.durationMs, locale),
        },
      );
  }
}

function alertTitle(t: T, code: string, member: string | null): string {
  const key = `alert.${code}.title`;
  const title = t.has(key) ? t(key) : problemTitle(t, code);
  return member ? `${title} (${member})` : title;
}
