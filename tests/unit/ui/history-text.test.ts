import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { HISTORY_EVENT_KINDS, type HistoryEvent } from "@/lib/domain/history-events";
import { createT, LOCALES } from "@/lib/i18n";
import { filterFromQuery } from "@/app/history/filter-params";
import { historyText, historyTone } from "@/components/history/history-text";

// Each stored event kind as a sentence, in both languages: no placeholder left, the machine values in it.

const base = { id: 1, at: Date.UTC(2026, 0, 5, 3, 12), cluster: "main", member: "node2" };
const notification = {
  code: "failover_pending",
  severity: "critical",
  subject: "alert_opened",
  channel: "webhook 1 (slack)",
  attempt: 2,
} as const;
const samples: HistoryEvent[] = [
  { ...base, kind: "leader_changed", from: "node1", to: "node2", timeline: 4 },
  { ...base, kind: "leader_changed", from: "node1", to: null, timeline: 3 },
  { ...base, kind: "timeline_changed", member: null, from: 3, to: 4 },
  { ...base, kind: "member_state_changed", from: "streaming", to: "stopped" },
  { ...base, kind: "member_joined" },
  { ...base, kind: "member_left" },
  { ...base, kind: "alert_opened", code: "failover_pending", severity: "critical" },
  { ...base, kind: "alert_resolved", code: "failover_pending", severity: "critical", durationMs: 95_000 },
  {
    ...base,
    kind: "config_changed",
    member: null,
    diff: [{ key: "ttl", path: ["ttl"], kind: "changed", oldValue: 30, newValue: 20 }],
  },
  { ...base, kind: "paused", member: null },
  { ...base, kind: "resumed", member: null },
  { ...base, kind: "notification_sent", ...notification, status: 200, error: null },
  { ...base, kind: "notification_failed", ...notification, status: null, error: "timeout" },
  {
    ...base,
    kind: "action",
    user: "olga",
    role: "operator",
    address: "127.0.0.1",
    action: "switchover",
    candidate: "node2",
    scheduledAt: null,
    force: false,
    outcome: "succeeded",
    status: 200,
    patroniStatus: 200,
    patroniText: "Successfully switched over",
    node: "http://127.0.0.1:8008",
    problems: [],
    durationMs: 3100,
  },
  {
    ...base,
    kind: "action_outcome",
    user: "olga",
    action: "switchover",
    from: "node1",
    to: "node2",
    checks: { new_leader: 2000, timeline_up: 2000, others_stream: 9000, old_leader_rejoined: 9000 },
    completed: true,
    durationMs: 9000,
  },
];

describe("history texts", () => {
  test("every kind has a sample here", () => {
    assert.deepEqual(new Set(samples.map((s) => s.kind)), new Set(HISTORY_EVENT_KINDS));
  });
  for (const locale of LOCALES) {
    test(`${locale}: a complete sentence for each, with its values`, () => {
      const t = createT(locale);
      for (const event of samples) {
        const text = historyText(t, locale, event);
        assert.doesNotMatch(text, /\{\w+\}/, text);
        assert.ok(text.length > 5, text);
      }
      assert.match(historyText(t, locale, samples[0]!), /node2.*node1.*4/);
      assert.match(historyText(t, locale, samples[7]!), /1\D+35/);
      assert.match(historyText(t, locale, samples[8]!), /ttl 30 → 20/);
      assert.match(historyText(t, locale, samples[12]!), /webhook 1 \(slack\).*2.*timeout/);
    });
  }
  test("vi: an action, its outcome and an unset value in words, not the stored codes", () => {
    // Regression: the history screen showed "(unset)", "switchover" and "succeeded" in Vietnamese.
    const t = createT("vi");
    const action = historyText(
      t,
      "vi",
      samples.find((e) => e.kind === "action")!,
    );
    assert.match(action, /chuyển đổi leader \(switchover\) → thành công/);
    assert.doesNotMatch(action, /succeeded/);
    const added: HistoryEvent = {
      ...base,
      kind: "config_changed",
      member: null,
      diff: [
        {
          key: "postgresql",
          path: ["postgresql", "parameters", "work_mem"],
          kind: "added",
          oldValue: null,
          newValue: "8MB",
        },
      ],
    };
    assert.match(historyText(t, "vi", added), /work_mem \(chưa đặt\) → 8MB/);
    assert.match(historyText(createT("en"), "en", added), /work_mem \(unset\) → 8MB/);
  });
  test("tones: a lost leader is critical, a new one the accent, a resolution ok", () => {
    assert.deepEqual(samples.slice(0, 2).map(historyTone).concat(historyTone(samples[7]!)), [
      "accent",
      "crit",
      "ok",
    ]);
  });
  test("filters from the URL: known values kept, anything else falls back to the defaults", () => {
    assert.deepEqual(filterFromQuery({ range: "7d", kind: "member_left", member: "node1" }), {
      range: "7d",
      kind: "member_left",
      member: "node1",
      cluster: null,
    });
    assert.deepEqual(filterFromQuery({ range: "2y", kind: "nope", member: ["a", "b"] }), {
      range: "24h",
      kind: null,
      member: null,
      cluster: null,
    });
  });
});
