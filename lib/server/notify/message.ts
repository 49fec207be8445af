import "server-only";
import type { AlertCode } from "@/lib/domain/alert-codes";
import type { NotifyEvent, Severity } from "@/lib/domain/constants";
import { createT, DEFAULT_LOCALE, type Locale } from "@/lib/i18n";
import type { WebhookFormat } from "./config";

// What a webhook receives. JSON: our own event shape; Slack: an incoming-webhook `{text}`, which
// Slack, Mattermost and Google Chat all accept. A chat channel has no language switch, so the text is in
// notify.locale (the alert titles and the three lines in lib/i18n/{en,vi}-alerts.ts); the JSON fields
// are the same in every language.

export { NOTIFY_EVENTS, type NotifyEvent } from "@/lib/domain/constants";

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

export function noticeText(notice: AlertNotice, locale: Locale = DEFAULT_LOCALE): string {
  const t = createT(locale);
  const params = {
    severity: notice.severity.toUpperCase(),
    where: notice.member ? `${notice.cluster}/${notice.member}` : notice.cluster,
    title: t(`alert.${notice.code}.title`),
    since: new Date(notice.since).toISOString(),
    minutes: formatMinutes((notice.resolvedAt ?? notice.since) - notice.since, locale),
  };
  return t(`notify.text.${notice.event}`, params);
}

/** Minutes with one decimal in the locale's notation (vi writes 2,5). */
function formatMinutes(ms: number, locale: Locale): string {
  const minutes = Math.max(0, ms / 60_000);
  return minutes.toLocaleString(locale === "vi" ? "vi-VN" : "en-US", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

export function noticeBody(
  notice: AlertNotice,
  format: WebhookFormat,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const text = noticeText(notice, locale);
  if (format === "slack") return JSON.stringify({ text });
  return JSON.stringify({ ...notice, text });
}
