import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { NOTIFY_EVENTS } from "@/lib/domain/constants";
import { en } from "@/lib/i18n/en";
import { vi } from "@/lib/i18n/vi";
import { noticeBody, noticeText, type AlertNotice } from "@/lib/server/notify/message";

// Webhook texts follow notify.locale: every event has its line in both catalogs, the alert title comes
// from the same catalog, and the JSON fields do not change with the language.

const SINCE = Date.UTC(2026, 0, 5, 3, 12, 0);
const notice = (event: AlertNotice["event"]): AlertNotice => ({
  event,
  cluster: "lab",
  code: "failover_pending",
  severity: "critical",
  member: "node1",
  since: SINCE,
  resolvedAt: event === "alert_resolved" ? SINCE + 150_000 : null,
});

describe("webhook message texts", () => {
  test("English by default, Vietnamese with locale vi, for every event", () => {
    for (const event of NOTIFY_EVENTS) {
      const english = noticeText(notice(event));
      const vietnamese = noticeText(notice(event), "vi");
      assert.ok(english.includes(en["alert.failover_pending.title"]), english);
      assert.ok(vietnamese.includes(vi["alert.failover_pending.title"]), vietnamese);
      assert.notEqual(english, vietnamese);
      for (const text of [english, vietnamese]) {
        assert.ok(text.includes("lab/node1"), text);
        assert.doesNotMatch(text, /\{\w+\}/, "a parameter left unfilled");
      }
    }
    assert.equal(
      noticeText(notice("alert_resolved"), "vi"),
      `[ĐÃ HẾT] lab/node1: ${vi["alert.failover_pending.title"]} (kéo dài 2,5 phút)`,
    );
    assert.equal(
      noticeText(notice("alert_resolved")),
      `[RESOLVED] lab/node1: ${en["alert.failover_pending.title"]} (lasted 2.5 min)`,
    );
    assert.match(noticeText(notice("alert_reminder"), "vi"), /^\[CRITICAL\] vẫn còn, lab\/node1: /);
  });

  test("the JSON body's fields are the same in both languages; only text differs", () => {
    const a = JSON.parse(noticeBody(notice("alert_opened"), "json", "en")) as Record<string, unknown>;
    const b = JSON.parse(noticeBody(notice("alert_opened"), "json", "vi")) as Record<string, unknown>;
    assert.deepEqual({ ...a, text: null }, { ...b, text: null });
    assert.notEqual(a.text, b.text);
    assert.deepEqual(Object.keys(JSON.parse(noticeBody(notice("alert_opened"), "slack", "vi"))), ["text"]);
  });
});
