import "server-only";
import type { NewHistoryEvent } from "@/lib/domain/history-events";
import type { DeliveryAttempt } from "./delivery";

// Every delivery attempt becomes an event of the persistent history (notification_sent or
// notification_failed), naming the webhook by its label only: its URL usually carries a token.

export function attemptEvent(attempt: DeliveryAttempt): NewHistoryEvent {
  const failed = attempt.outcome !== "delivered";
  const why =
    attempt.outcome === "retrying"
      ? "will retry"
      : attempt.outcome === "gave_up"
        ? "gave up"
        : attempt.outcome === "dropped"
          ? "dropped"
          : null;
  return {
    kind: failed ? "notification_failed" : "notification_sent",
    at: attempt.at,
    cluster: attempt.cluster,
    member: attempt.member,
    code: attempt.code,
    severity: attempt.severity,
    subject: attempt.event,
    channel: attempt.channel,
    attempt: Math.max(1, attempt.attempt),
    status: attempt.status,
    error: failed ? [why, attempt.error].filter(Boolean).join(": ") : null,
  };
}
