import "server-only";
import { z } from "zod";
import { SEVERITIES } from "@/lib/domain/constants";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/lib/i18n/core";

// The `notify` block of the YAML configuration: webhooks told when an alert opens and when it
// resolves. A webhook URL often carries its token in the path, so no message here ever repeats it.

const webhookUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value), "must be a URL like https://hooks.example.com/…")
  .refine(
    (value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol),
    "must start with http:// or https://",
  );

export const WEBHOOK_FORMATS = ["json", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

const webhookSchema = z.strictObject({
  url: webhookUrl,
  /** Alerts below this severity are not sent to this webhook. */
  min_severity: z.enum(SEVERITIES).default("warning"),
  /** json: our own payload; slack: an incoming-webhook `{text}` (Slack, Mattermost, Google Chat). */
  format: z.enum(WEBHOOK_FORMATS).default("json"),
});

export const notifySchema = z.strictObject({
  webhooks: z.array(webhookSchema).min(1, "list at least one webhook, or leave notify out"),
  /** Seconds between reminders while an alert stays open; absent = one message per alert lifetime. */
  reminder_interval: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .optional(),
  /** The language of the messages' text (a chat channel has no language switch). */
  locale: z.enum(LOCALES, { error: `must be one of ${LOCALES.join(", ")}` }).default(DEFAULT_LOCALE),
});

export interface WebhookSettings {
  url: string;
  minSeverity: (typeof SEVERITIES)[number];
  format: WebhookFormat;
}

export interface NotifySettings {
  webhooks: WebhookSettings[];
  reminderIntervalMs: number | null;
  /** The messages' language (absent: DEFAULT_LOCALE). */
  locale?: Locale;
}

export function notifySettings(parsed: z.infer<typeof notifySchema> | undefined): NotifySettings | null {
  if (!parsed) return null;
  return {
    webhooks: parsed.webhooks.map((w) => ({ url: w.url, minSeverity: w.min_severity, format: w.format })),
    reminderIntervalMs: parsed.reminder_interval === undefined ? null : parsed.reminder_interval * 1000,
    locale: parsed.locale,
  };
}

/** A webhook as logs and records show it: scheme, host and port; the path (the token) masked. */
export function maskUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid URL)";
  const parsed = new URL(url);
  const hidden = parsed.pathname !== "/" || parsed.search ? "/…" : "";
  return `${parsed.protocol}//${parsed.host}${hidden}`;
}
