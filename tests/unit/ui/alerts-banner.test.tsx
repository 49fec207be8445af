import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ClusterClient } from "@/app/clusters/[name]/cluster-client";
import { ALERT_CODES } from "@/lib/domain/alert-codes";
import type { Alert } from "@/lib/domain/contracts";
import { faviconDataUrl, faviconSvg, tabTitle, worstSeverity, worstTone } from "@/lib/domain/tab-status";
import { createT } from "@/lib/i18n";
import { alertWords } from "@/lib/i18n/diagnostic-labels";
import { AlertsBanner, groupAlerts } from "@/components/cluster/alerts/alerts-banner";
import { byTestId, one, render } from "../../support/render";
import { INTERVAL, pipeline, SLOW, type Version } from "../../support/capture-pipeline";

// The alerts banner from the real captures through the real pipeline (poller → store → view →
// alerts): what a DBA reads in each recorded situation, in English and Vietnamese; and the tab title.

const VERSIONS: Version[] = ["patroni-3.0.2", "patroni-4"];

function banner(alerts: Alert[], generatedAt: number, locale: "en" | "vi" = "en") {
  return render(<AlertsBanner alerts={alerts} generatedAt={generatedAt} receivedAt={0} now={null} />, locale);
}

describe("alerts banner on the real captures", () => {
  for (const version of VERSIONS) {
    test(`${version} d-paused: the maintenance alert, its explanation and what to check`, async () => {
      const p = pipeline(version, "a-healthy");
      const d = await p.run("a-healthy", "d-paused", "d-paused");
      const html = banner(d.alerts, d.generatedAt);
      const section = one(html, "alerts-banner");
      assert.deepEqual([section.attrs["data-count"], section.attrs["data-worst"]], ["1", "warning"]);
      const [alert] = byTestId(html, "alert");
      assert.deepEqual(
        [alert!.attrs["data-code"], alert!.attrs["data-severity"], alert!.attrs["data-members"]],
        ["paused", "warning", ""],
      );
      assert.match(alert!.text, /^Warning Maintenance mode /);
      assert.match(
        alert!.text,
        /Patroni is paused: it does not fail over automatically, whatever happens to the leader\./,
      );
      assert.match(
        alert!.text,
        /Check: Whether the maintenance is still going on; patronictl resume ends it\./,
      );
      assert.match(alert!.html, /<code[^>]*>patronictl resume<\/code>/, "commands are set as code");
      assert.equal(one(html, "alert-since").text, "", "no age before the client clock runs");
      assert.match(one(html, "alerts-count").text, /1 active/);
    });

    test(`${version} f2-walreceiver-stalled: node2's lag over the threshold, in bytes for people`, async () => {
      const d = await pipeline(version, "f2-walreceiver-stalled").run("f2-walreceiver-stalled");
      const [alert] = byTestId(banner(d.alerts, d.generatedAt), "alert");
      assert.deepEqual(
        [alert!.attrs["data-code"], alert!.attrs["data-members"]],
        ["lag_over_threshold", "node2"],
      );
      assert.match(alert!.text, /node2: Replica lag over threshold/);
      assert.match(
        alert!.text,
        /node2 is \d+(\.\d)? MB behind the leader, more than maximum_lag_on_failover \(1 MB\)\./,
      );
      const vi = byTestId(banner(d.alerts, d.generatedAt, "vi"), "alert")[0]!;
      assert.match(
        vi.text,
        /node2 đang trễ \d+(,\d)? MB so với leader, vượt maximum_lag_on_failover \(1 MB\)\./,
      );
    });
  }

  test("3.0.2 g-pending-restart: one entry naming every member, with the change from the config history", async () => {
    const p = pipeline("patroni-3.0.2", "a-healthy", { start: Date.now() - SLOW - INTERVAL });
    await p.run("a-healthy");
    await p.clock.advance(SLOW);
    const d = await p.run("g-pending-restart");
    const alerts = byTestId(banner(d.alerts, d.generatedAt), "alert");
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0]!.attrs["data-members"], "node1 node2 node3");
    assert.match(alerts[0]!.text, /^Info node1, node2, node3: Restart pending /);
    assert.match(alerts[0]!.text, /takes effect only after a restart: max_connections 100 → 110\./);
  });

  test("the age counts from the server's since, aged by the browser clock after it arrived", () => {
    const alert: Alert = { code: "paused", severity: "warning", member: null, since: 1_000_000, params: {} };
    const html = render(
      <AlertsBanner
        alerts={[alert]}
        generatedAt={1_000_000 + 90_000}
        receivedAt={5_000}
        now={5_000 + 30_000}
      />,
    );
    assert.equal(one(html, "alert-since").text, "for 2 min");
  });

  test("no alerts: one calm line, count 0", () => {
    const html = banner([], 0);
    assert.equal(one(html, "alerts-banner").attrs["data-count"], "0");
    assert.equal(byTestId(html, "alert").length, 0);
    assert.match(one(html, "alerts-count").text, /No alerts/);
  });
});

describe("alert texts", () => {
  const samples: Alert[] = ALERT_CODES.map((code) => ({
    code,
    severity: "warning",
    member: "node2",
    since: 0,
    params: {
      error: null,
      errorKind: "refused",
      ttlSeconds: 20,
      members: "node1, node3",
      leaders: "node1 / node3",
      state: "stopped",
      lagBytes: 9_604_264,
      thresholdBytes: 1_048_576,
      changes: "max_connections 100 → 110",
      timeline: 3,
      leaderTimeline: 4,
      latencyMs: 1840,
      timeoutMs: 2500,
      timedOut: false,
      daysLeft: 10,
      host: "127.0.0.1",
      names: "DNS:pg1.example",
    },
  }));
  for (const locale of ["en", "vi"] as const) {
    test(`${locale}: every code has a title, an explanation and a check with every {param} filled`, () => {
      const t = createT(locale);
      for (const alert of samples) {
        const words = alertWords(t, locale, alert);
        for (const text of [words.title, words.explanation, words.check]) {
          assert.ok(text.length > 3 && !text.includes("alert."), `${alert.code}: ${text}`);
          assert.doesNotMatch(text, /\{\w+\}/, `${alert.code}: ${text}`);
        }
      }
    });
  }

  test("variants: a timed-out API, an unknown change, a leader key nobody sees", () => {
    const t = createT("en");
    const words = (code: Alert["code"], params: Alert["params"]) =>
      alertWords(t, "en", { code, member: "node1", params }).explanation;
    assert.equal(
      words("api_slow", { timedOut: true, latencyMs: null, timeoutMs: 2500 }),
      "The REST API of node1 did not answer within the timeout (2,500 ms): its workers may be stuck.",
    );
    assert.equal(
      words("pending_restart", { changes: null }),
      "A changed PostgreSQL setting on node1 takes effect only after a restart.",
    );
    assert.match(words("no_leader", { source: "cluster_unlocked" }), /cluster_unlocked/);
    assert.equal(
      words("failover_pending", { errorKind: "timeout", ttlSeconds: 20 }),
      "The DCS still names node1 leader, but its REST API does not answer (Timeout). Patroni promotes a replica once the leader lock expires (ttl 20 s).",
    );
  });

  test("groups: same code and params on several members is one entry; cluster-wide alerts stay apart", () => {
    const a = (member: string | null, since: number): Alert => ({
      code: "pending_restart",
      severity: "info",
      member,
      since,
      params: { changes: "x" },
    });
    const groups = groupAlerts([
      a("node2", 5),
      a("node1", 3),
      { ...a(null, 1), code: "paused", severity: "warning" },
    ]);
    assert.deepEqual(
      groups.map((g) => [g.alert.code, g.members, g.since]),
      [
        ["paused", [], 1],
        ["pending_restart", ["node1", "node2"], 3],
      ],
    );
  });
});

describe("cluster page", () => {
  test("the banner replaces the problems list: c2 after failover names the missing member", async () => {
    const d = await pipeline("patroni-4", "a-healthy").run("a-healthy", "c2-after-failover");
    const html = render(<ClusterClient name="lab" initial={d} kiosk={false} />);
    assert.equal(byTestId(html, "problem").length, 0);
    assert.ok(byTestId(html, "alert").some((a) => a.attrs["data-code"] === "member_missing"));
  });
});

describe("browser tab", () => {
  test("title: count and worst severity before the name; nothing when all is well", () => {
    assert.equal(tabTitle(2, "warning", "demo", "Patroni Dashboard"), "(2) ⚠ demo — Patroni Dashboard");
    assert.equal(
      tabTitle(3, "critical", "Clusters", "Patroni Dashboard"),
      "(3) ✖ Clusters — Patroni Dashboard",
    );
    assert.equal(tabTitle(0, null, "demo", "Patroni Dashboard"), "demo — Patroni Dashboard");
    assert.equal(
      worstSeverity([{ severity: "info" }, { severity: "critical" }, { severity: "warning" }]),
      "critical",
    );
    assert.equal(worstSeverity([]), null);
    assert.equal(worstTone(["ok", "warn", "unknown"]), "warn");
  });

  test("favicon: a colour and a shape per tone, as an SVG data URL", () => {
    const svgs = (["ok", "warn", "crit", "unknown"] as const).map(faviconSvg);
    assert.equal(new Set(svgs).size, 4);
    assert.match(svgs[2]!, /#dc2626/);
    assert.ok(faviconDataUrl("warn").startsWith("data:image/svg+xml,"));
    assert.equal(decodeURIComponent(faviconDataUrl("warn").slice("data:image/svg+xml,".length)), svgs[1]);
  });
});
