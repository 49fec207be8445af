import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { HistoryFilters } from "@/components/history/history-filters";
import { HISTORY_EVENT_KINDS, NOTIFY_EVENTS } from "@/lib/domain/constants";
import { eventsQuerySchema, historyEventSchema } from "@/lib/domain/history-events";
import { CATALOGS, LOCALES } from "@/lib/i18n";
import { render } from "../../support/render";

// One vocabulary of stored event kinds (lib/domain/constants.ts): the events API accepts exactly it, the
// history screen's kind filter offers exactly it, both catalogs label every kind and every notification
// subject, and the README's events row names every kind.

describe("history event vocabulary", () => {
  test("the history filter offers every kind, in the vocabulary's order", () => {
    const html = render(
      <HistoryFilters
        value={{ kind: null, member: null, cluster: null, range: "24h" }}
        onChange={() => {}}
        members={[]}
        clusters={null}
      />,
    );
    const select = /<select[^>]*name="kind"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
    const values = [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
    assert.deepEqual(values, [...HISTORY_EVENT_KINDS]);
    assert.ok(HISTORY_EVENT_KINDS.includes("action") && HISTORY_EVENT_KINDS.includes("action_outcome"));
  });

  test("the events API accepts every kind and nothing else", () => {
    const all = eventsQuerySchema.parse({ kind: HISTORY_EVENT_KINDS.join(",") });
    assert.deepEqual(all.kind, [...HISTORY_EVENT_KINDS]);
    assert.equal(eventsQuerySchema.safeParse({ kind: "alert_reminder" }).success, false);
  });

  test("both catalogs label every kind and every notification subject", () => {
    for (const locale of LOCALES) {
      const catalog = CATALOGS[locale] as Record<string, string>;
      for (const kind of HISTORY_EVENT_KINDS)
        assert.ok(catalog[`historyView.kind.${kind}`], `${locale}: historyView.kind.${kind}`);
      for (const subject of NOTIFY_EVENTS) {
        assert.ok(catalog[`historyView.subject.${subject}`], `${locale}: historyView.subject.${subject}`);
        assert.ok(catalog[`notify.text.${subject}`], `${locale}: notify.text.${subject}`);
      }
    }
  });

  test("a reminder stored under its old subject name reads as alert_reminder", () => {
    const parsed = historyEventSchema.parse({
      id: 1,
      at: 0,
      cluster: "lab",
      member: null,
      kind: "notification_sent",
      code: "stale",
      severity: "critical",
      subject: "reminder",
      channel: "webhook 1 (json)",
      attempt: 1,
      status: 200,
      error: null,
    });
    assert.equal(parsed.kind === "notification_sent" && parsed.subject, "alert_reminder");
  });

  test("the README's events API row names every kind", () => {
    const readme = readFileSync("README.md", "utf8");
    const row = readme.split("\n").find((line) => line.startsWith("| `GET /api/events?")) ?? "";
    for (const kind of HISTORY_EVENT_KINDS) assert.ok(row.includes(`\`${kind}\``), `README lacks ${kind}`);
    for (const subject of NOTIFY_EVENTS) assert.ok(row.includes(`\`${subject}\``), `README lacks ${subject}`);
  });
});
