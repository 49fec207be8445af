import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { EventLog } from "@/components/cluster/event-log/event-log";
import { eventText, EVENT_TONES } from "@/components/cluster/event-log/event-text";
import {
  changeAgeMs,
  LeaderChangeBanner,
  leaderBannerText,
} from "@/components/cluster/event-log/leader-banner";
import { ClusterClient } from "@/app/clusters/[name]/cluster-client";
import { EVENT_KINDS } from "@/lib/domain/constants";
import type { EventLogEntry } from "@/lib/domain/contracts";
import { LEADER_BANNER_MS } from "@/lib/domain/events";
import { createT } from "@/lib/i18n";
import { byTestId, one, render } from "../../support/render";
import { makeDetail, T0 } from "../../support/detail";

// The event log's sentences (both languages), the panel, and the leader-change banner.

const entry = (kind: EventLogEntry["kind"], fields: Partial<EventLogEntry> = {}): EventLogEntry => ({
  t: T0,
  kind,
  member: null,
  from: null,
  to: null,
  detail: null,
  ...fields,
});

/** One realistic entry of every kind. */
const SAMPLES: Record<EventLogEntry["kind"], EventLogEntry> = {
  leader_lost: entry("leader_lost", { member: "node1", from: "node1" }),
  leader_elected: entry("leader_elected", { member: "node2", from: "node1", to: "node2" }),
  timeline_changed: entry("timeline_changed", { from: "3", to: "4" }),
  node_unreachable: entry("node_unreachable", { member: "node1", detail: "refused" }),
  node_reachable: entry("node_reachable", { member: "node1", from: "refused" }),
  member_missing: entry("member_missing", { member: "node1" }),
  member_back: entry("member_back", { member: "node1" }),
  lag_over: entry("lag_over", { member: "node3", to: "9604264", detail: "1048576" }),
  lag_recovered: entry("lag_recovered", { member: "node3", from: "9604264", to: "0", detail: "1048576" }),
  pending_restart: entry("pending_restart", { member: "node2", detail: "max_connections" }),
  pending_restart_cleared: entry("pending_restart_cleared", { member: "node2" }),
  paused: entry("paused"),
  resumed: entry("resumed"),
  config_changed: entry("config_changed", { detail: "pause, postgresql" }),
};

describe("event sentences", () => {
  test("English: plain sentences with the member, the values and human units", () => {
    const t = createT("en");
    const text = (kind: EventLogEntry["kind"]) => eventText(t, "en", SAMPLES[kind]);
    assert.equal(text("leader_lost"), "Leader lost: node1 no longer holds the leader lock");
    assert.equal(text("leader_elected"), "New leader: node2 (was node1)");
    assert.equal(text("timeline_changed"), "Timeline 3 → 4");
    assert.equal(text("node_unreachable"), "node1 unreachable: Connection refused");
    assert.equal(text("lag_over"), "node3 is 9.2 MB behind, over the failover limit of 1 MB");
    assert.equal(text("lag_recovered"), "node3 caught up: 0 B behind, under the failover limit");
    assert.equal(text("pending_restart"), "node2 needs a restart to apply: max_connections");
    assert.equal(text("config_changed"), "Configuration changed: pause, postgresql");
    assert.equal(
      eventText(t, "en", entry("leader_elected", { member: "node2", to: "node2" })),
      "New leader: node2",
    );
    assert.equal(
      eventText(t, "en", entry("leader_elected", { member: "node1", from: "node1", to: "node1" })),
      "node1 is the leader again",
    );
    assert.equal(
      eventText(t, "en", entry("node_unreachable", { member: "node1" })),
      "node1 unreachable: no answer",
    );
    assert.equal(
      eventText(t, "en", entry("pending_restart", { member: "node2" })),
      "node2 needs a restart to apply a changed setting",
    );
  });

  test("Vietnamese: every kind translated, numbers in Vietnamese format", () => {
    const t = createT("vi");
    assert.equal(eventText(t, "vi", SAMPLES.leader_elected), "Leader mới: node2 (trước đó là node1)");
    assert.equal(eventText(t, "vi", SAMPLES.lag_over), "node3 chậm 9,2 MB, vượt ngưỡng failover 1 MB");
    for (const kind of EVENT_KINDS) {
      assert.notEqual(eventText(t, "vi", SAMPLES[kind]), eventText(createT("en"), "en", SAMPLES[kind]), kind);
    }
  });

  test("every kind has a sentence with all placeholders filled, and a tone", () => {
    for (const locale of ["en", "vi"] as const) {
      for (const kind of EVENT_KINDS) {
        const text = eventText(createT(locale), locale, SAMPLES[kind]);
        assert.ok(
          text.length > 5 && !/[{}]/.test(text) && !text.includes("events."),
          `${locale} ${kind}: ${text}`,
        );
        assert.ok(EVENT_TONES[kind], kind);
      }
    }
  });
});

describe("event log panel", () => {
  const log = [
    entry("leader_lost", { t: T0, member: "node1", from: "node1" }),
    entry("leader_elected", { t: T0 + 20_000, member: "node2", from: "node1", to: "node2" }),
    entry("timeline_changed", { t: T0 + 20_000, from: "3", to: "4" }),
  ];

  test("newest first, one entry per change with data-kind; no clock text before mount", () => {
    const html = render(<EventLog entries={log} mounted={false} />);
    const panel = one(html, "event-log");
    assert.match(panel.text, /^Event log/);
    const entries = byTestId(html, "event-entry");
    assert.deepEqual(
      entries.map((e) => e.attrs["data-kind"]),
      ["leader_elected", "timeline_changed", "leader_lost"],
    );
    assert.equal(entries[0]!.text, "… New leader: node2 (was node1)");
    assert.match(entries[0]!.html, new RegExp(`dateTime="${new Date(T0 + 20_000).toISOString()}"`));
  });

  test("after mount each entry shows its time of day (formatted for the locale)", () => {
    const html = render(<EventLog entries={log} mounted />, "vi");
    const first = byTestId(html, "event-entry")[0]!;
    assert.match(first.text, /^\d{2}:\d{2}:\d{2} Leader mới: node2 \(trước đó là node1\)$/);
  });

  test("empty: says nothing has changed yet", () => {
    const html = render(<EventLog entries={[]} mounted />);
    assert.equal(byTestId(html, "event-entry").length, 0);
    assert.match(one(html, "event-log").text, /Nothing has changed/);
  });
});

describe("leader-change banner", () => {
  const failover = [
    entry("leader_elected", { t: T0, member: "node2", from: "node1", to: "node2" }),
    entry("timeline_changed", { t: T0 + 5_000, from: "3", to: "4" }),
  ];

  test("text: new leader, the old one, and the timeline change that came with it", () => {
    assert.equal(
      leaderBannerText(createT("en"), failover)?.text,
      "New leader: node2 (was node1) · timeline 3 → 4",
    );
    assert.equal(
      leaderBannerText(createT("vi"), failover)?.text,
      "Leader mới: node2 (trước đó là node1) · chuyển timeline 3 → 4",
    );
    assert.equal(leaderBannerText(createT("en"), [failover[0]!])?.text, "New leader: node2 (was node1)");
    assert.equal(leaderBannerText(createT("en"), [entry("paused")]), null);
  });

  test("shown for a minute after the change, measured across both clocks; never before mount", () => {
    const props = { entries: failover, generatedAt: T0 + 10_000, receivedAt: 5_000_000 };
    const banner = (now: number | null) =>
      byTestId(render(<LeaderChangeBanner {...props} now={now} />), "leader-change-banner");
    assert.equal(banner(null).length, 0, "server render and hydration: nothing");
    // The browser clock is far from the server's: only the time since receipt counts on it.
    assert.equal(banner(5_000_000 + 1_000).length, 1);
    assert.equal(
      banner(5_000_000 + 1_000)[0]!.text,
      "New leader: node2 (was node1) · timeline 3 → 4 Dismiss",
    );
    assert.equal(banner(5_000_000 + LEADER_BANNER_MS - 10_001).length, 1);
    assert.equal(banner(5_000_000 + LEADER_BANNER_MS - 10_000).length, 0);
    assert.equal(changeAgeMs(T0, T0 + 10_000, 100, 50), 10_000, "a browser clock behind receipt counts as 0");
  });

  test("the banner sits in a polite live region and has a keyboard-reachable dismiss button", () => {
    const html = render(<LeaderChangeBanner entries={failover} generatedAt={T0} receivedAt={T0} now={T0} />);
    assert.match(html, /aria-live="polite"[^>]*>\s*<div[^>]*data-testid="leader-change-banner"/);
    assert.match(
      one(html, "leader-change-banner").html,
      /<button type="button" aria-label="Dismiss the new-leader message"/,
    );
  });
});

describe("cluster page wiring", () => {
  test("the page shows the detail's event log (until the contract has it, an extra field)", () => {
    const detail = { ...makeDetail(), eventLog: [entry("paused", { t: T0 })] };
    const html = render(<ClusterClient name="lab" initial={detail} kiosk={false} />);
    assert.deepEqual(
      byTestId(html, "event-entry").map((e) => e.attrs["data-kind"]),
      ["paused"],
    );
    assert.equal(
      byTestId(render(<ClusterClient name="lab" initial={makeDetail()} kiosk={false} />), "event-entry")
        .length,
      0,
    );
  });
});
