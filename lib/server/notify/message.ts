import "server-only";
import type { AlertCode } from "@/lib/domain/alert-codes";
import type { Severity } from "@/lib/domain/constants";
import { en } from "@/lib/i18n/en";
import type { WebhookFormat } from "./config";

// What a webhook receives. JSON: our own event shape; Slack: an incoming-webhook `{text}`, which
// Slack, Mattermost and Google Chat all accept. Texts are English (the alert titles of the English catalog,
// lib/i18n/en-alerts.ts):
// a chat channel has no language switch.

export const NOTIFY_EVENTS = ["alert_opened", "alert_reminder", "alert_resolved"] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export interface AlertNotice {
  event: NotifyEvent;
  cluster: string;
  code: AlertCode;
  severity: Severity;
  member: string | null;
  /** When the alert was first shown (epoch ms). */
  since: number;
  /** When it cleared (epoch ms); null while open. */
  resolvedAt: number | null;
}

export function noticeText(notice: AlertNotice): string {
  const title = en[`alert.${notice.code}.title`];
  const where = notice.member ? `${notice.cluster}/${notice.member}` : notice.cluster;
  const since = new Date(notice.since).toISOString();
  switch (notice.event) {
    case "alert_opened":
      return `[${notice.severity.toUpperCase()}] ${where}: ${title} (since ${since})`;
    case "alert_reminder":
      return `[${notice.severity.toUpperCase()}] still open, ${where}: ${title} (since ${since})`;
    case "alert_resolved": {
      const minutes = Math.max(0, ((notice.resolvedAt ?? notice.since) - notice.since) / 60_000);
      return `[RESOLVED] ${where}: ${title} (lasted ${minutes.toFixed(1)} min)`;
    }
  }
}

export function noticeBody(notice: AlertNotice, format: WebhookFormat): string {
  const text = noticeText(notice);
  if (format === "slack") return JSON.stringify({ text });
  return JSON.stringify({ ...notice, text });
}
