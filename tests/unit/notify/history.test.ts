import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { historyEventSchema } from "@/lib/domain/history-events";
import { attemptEvent } from "@/lib/server/notify/history";
import { RETRY_BASE_MS } from "@/lib/server/notify/delivery";
import { Notifier } from "@/lib/server/notify/notifier";
import { openSqlite } from "@/lib/server/storage/sqlite";
import type { Storage } from "@/lib/server/storage/storage";
import { FakeClock } from "../../support/fake-clock";
import { startReceiver, until, type WebhookReceiver } from "../../support/webhook-receiver";

// Every delivery attempt is an event of the persistent history (a real SQLite store in a temp dir),
// as notification_failed then notification_sent, naming the webhook by its label and never its URL.

let receiver: WebhookReceiver;
let storage: Storage;
let dir: string;

before(async () => {
  receiver = await startReceiver();
  dir = mkdtempSync(join(tmpdir(), "pd-notify-store-"));
  storage = await openSqlite(dir);
});
after(async () => {
  await receiver.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("delivery attempts in the history", () => {
  test("a failed attempt and its successful retry are two committed events, without the URL", async () => {
    const clock = new FakeClock();
    const writes: Promise<unknown>[] = [];
    const notifier = new Notifier(
      {
        webhooks: [{ url: receiver.url("/services/SECRET-TOKEN"), minSeverity: "warning", format: "slack" }],
        reminderIntervalMs: null,
      },
      {
        clock,
        log: () => {},
        onAttempt: (attempt) => writes.push(storage.write({ events: [attemptEvent(attempt)] })),
      },
    );
    try {
      receiver.answers = [502];
      notifier.observe([
        {
          cluster: "lab",
          alerts: [{ code: "failover_pending", severity: "critical", member: "node1", since: 1 }],
        },
      ]);
      await until("the failed attempt", () => writes.length === 1);
      await clock.advance(RETRY_BASE_MS);
      await until("the retry", () => writes.length === 2);
      await Promise.all(writes);
      const events = await storage.events({ cluster: "lab", limit: 10 });
      const oldestFirst = events
        .slice()
        .reverse()
        .map((e) => historyEventSchema.parse(e));
      assert.deepEqual(
        oldestFirst.map((e) =>
          e.kind === "notification_failed" || e.kind === "notification_sent"
            ? [e.kind, e.subject, e.code, e.severity, e.member, e.channel, e.attempt, e.status]
            : [e.kind],
        ),
        [
          [
            "notification_failed",
            "alert_opened",
            "failover_pending",
            "critical",
            "node1",
            "webhook 1 (slack)",
            1,
            502,
          ],
          [
            "notification_sent",
            "alert_opened",
            "failover_pending",
            "critical",
            "node1",
            "webhook 1 (slack)",
            2,
            200,
          ],
        ],
      );
      assert.ok(!JSON.stringify(events).includes("SECRET-TOKEN"));
      assert.ok(!JSON.stringify(events).includes("127.0.0.1"));
    } finally {
      notifier.stop();
    }
  });
});
