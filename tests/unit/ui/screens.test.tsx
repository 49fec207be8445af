import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ClusterClient } from "@/app/clusters/[name]/cluster-client";
import { OverviewClient } from "@/app/overview-client";
import type { ClusterSummary } from "@/lib/domain/contracts";
import { clustersResponseSchema } from "@/lib/domain/contracts";
import { worstFirst } from "@/lib/domain/overview";
import { createT } from "@/lib/i18n";
import { byTestId, one, render } from "../../support/render";
import { detailFromFixtures, makeDetail, POLL_MS, T0 } from "../../support/detail";

// Both screens server-rendered as the first paint: seeded data, stable test ids, no clock-based text.

function summary(
  name: string,
  tone: ClusterSummary["tone"],
  extra: Partial<ClusterSummary> = {},
): ClusterSummary {
  return {
    name,
    scope: name,
    demo: false,
    leader: "node1",
    timeline: 2,
    membersUp: 3,
    membersExpected: 3,
    worstLagBytes: 1536,
    paused: false,
    observedAt: T0 - 1000,
    tone,
    problems: [],
    ...extra,
  };
}

describe("overview", () => {
  test("worst first: crit > warn > unknown > ok, then by name", () => {
    const sorted = worstFirst([
      summary("b", "ok"),
      summary("a", "ok"),
      summary("z", "unknown"),
      summary("y", "warn"),
      summary("x", "crit"),
    ]);
    assert.deepEqual(
      sorted.map((c) => c.name),
      ["x", "y", "z", "a", "b"],
    );
  });

  test("one tile per cluster, each a link to its page, with name, demo badge, leader, members, timeline, lag, worst problem", () => {
    const initial = clustersResponseSchema.parse({
      clusters: [
        summary("alpha", "ok", { demo: true }),
        summary("beta", "crit", {
          leader: null,
          membersUp: 2,
          problems: [
            { code: "no_leader", severity: "critical", member: null, detail: null },
            { code: "node_unreachable", severity: "critical", member: "node1", detail: "refused" },
          ],
        }),
      ],
      pollIntervalMs: POLL_MS,
      generatedAt: T0,
    });
    const html = render(<OverviewClient initial={initial} kiosk={false} />);
    const tiles = byTestId(html, "cluster-tile");
    assert.deepEqual(
      tiles.map((t) => t.attrs["data-cluster"]),
      ["beta", "alpha"],
    );
    assert.deepEqual(
      tiles.map((t) => t.attrs.href),
      ["/clusters/beta", "/clusters/alpha"],
    );
    const [beta, alpha] = tiles;
    assert.match(beta!.text, /Critical/);
    assert.match(beta!.text, /no leader/);
    assert.match(beta!.text, /2 \/ 3/);
    assert.match(beta!.text, /No leader \+1 more/);
    assert.match(alpha!.text, /Demo cluster/);
    assert.match(alpha!.text, /Healthy/);
    assert.match(alpha!.text, /node1/);
    assert.match(alpha!.text, /1\.5 kB/);
    assert.match(alpha!.text, /No problems/);
    assert.match(alpha!.text, /updated …/, "no age before the client clock runs");
    assert.equal(byTestId(html, "stale-badge").length, 0);
    assert.equal(byTestId(html, "server-unreachable").length, 0);
  });

  test("kiosk mode keeps ?kiosk=1 on the tile links", () => {
    const initial = { clusters: [summary("alpha", "ok")], pollIntervalMs: POLL_MS, generatedAt: T0 };
    const [tile] = byTestId(render(<OverviewClient initial={initial} kiosk />), "cluster-tile");
    assert.equal(tile!.attrs.href, "/clusters/alpha?kiosk=1");
  });

  test("no clusters: an empty state that says how to configure some", () => {
    const html = render(
      <OverviewClient initial={{ clusters: [], pollIntervalMs: POLL_MS, generatedAt: T0 }} kiosk={false} />,
    );
    assert.match(html, /PATRONI_NODES/);
  });

  test("Vietnamese tiles", () => {
    const html = render(
      <OverviewClient
        initial={{
          clusters: [summary("alpha", "warn", { demo: true })],
          pollIntervalMs: POLL_MS,
          generatedAt: T0,
        }}
        kiosk={false}
      />,
      "vi",
    );
    const tile = one(html, "cluster-tile");
    assert.match(tile.text, /Cụm demo/);
    assert.match(tile.text, /Cảnh báo/);
    assert.match(tile.text, /1,5 kB/);
  });
});

describe("cluster page", () => {
  test("4.1.4 c2 after failover: leader, endpoint, topology, members, history, lag panel", () => {
    const detail = detailFromFixtures("patroni-4", ["a-healthy", "c2-after-failover"]);
    const html = render(<ClusterClient name="lab" initial={detail} kiosk={false} />);
    assert.equal(one(html, "leader-name").text, "node3");
    assert.equal(one(html, "primary-endpoint").text, "127.0.0.1:5535");
    const nodes = byTestId(html, "topology-node");
    assert.deepEqual(
      nodes.map((n) => [n.attrs["data-member"], n.attrs["data-leader"]]),
      [
        ["node3", "true"],
        ["node1", "false"],
        ["node2", "false"],
      ],
    );
    assert.match(nodes[0]!.text, /Leader/);
    assert.match(nodes[2]!.text, /missing/);
    assert.deepEqual(
      byTestId(html, "member-row").map((r) => r.attrs["data-member"]),
      ["node3", "node1", "node2"],
    );
    assert.deepEqual(
      byTestId(html, "history-row").map((r) => r.attrs["data-timeline"]),
      ["3", "2"],
    );
    assert.match(
      byTestId(html, "history-row")[0]!.text,
      /^TL 2 → 3 current node3 … seen by the dashboard 0\/4000328 no recovery target specified$/,
    );
    assert.equal(byTestId(html, "lag-chart").length, 1);
    assert.match(one(html, "lag-chart").text, /No lag samples yet/);
    assert.match(html, /Member missing/);
    assert.equal(byTestId(html, "stale-badge").length, 0, "no staleness judged before mount");
  });

  test("the cluster's history link is named apart from the app bar's History (every cluster)", () => {
    for (const locale of ["en", "vi"] as const) {
      const t = createT(locale);
      const link = one(
        render(<ClusterClient name="lab" initial={makeDetail()} kiosk={false} />, locale),
        "cluster-history-link",
      );
      assert.equal(link.text, t("cluster.historyLink"));
      assert.notEqual(link.text, t("nav.history"), `${locale}: two links named alike on one screen`);
      assert.equal(link.attrs.href, "/clusters/lab/history");
    }
  });

  test("leader indicator is a polite live region", () => {
    const html = render(<ClusterClient name="lab" initial={makeDetail()} kiosk={false} />);
    assert.match(html, /aria-live="polite"[^>]*>(?:(?!<\/div>)[\s\S])*data-testid="leader-name"/);
  });

  test("no leader: the endpoint says so and leader-name is empty", () => {
    const html = render(
      <ClusterClient
        name="lab"
        initial={makeDetail({
          leader: null,
          tone: "crit",
          problems: [{ code: "no_leader", severity: "critical", member: null, detail: null }],
        })}
        kiosk={false}
      />,
    );
    assert.equal(one(html, "leader-name").text, "");
    assert.equal(one(html, "primary-endpoint").attrs["data-endpoint"], "");
    assert.match(one(html, "primary-endpoint").text, /No leader/);
    assert.equal(byTestId(html, "topology-node").filter((n) => n.attrs["data-leader"] === "true").length, 0);
  });

  test("maintenance mode and a scheduled switchover get banners", () => {
    const html = render(
      <ClusterClient
        name="lab"
        initial={makeDetail({
          paused: true,
          scheduledSwitchover: { at: T0 + 60_000, from: "node1", to: "node2" },
        })}
        kiosk={false}
      />,
    );
    assert.match(one(html, "paused-banner").text, /Maintenance mode is on/);
    assert.match(one(html, "switchover-banner").text, /Switchover scheduled.*from node1 to node2/);
  });

  test("lag samples present: the chart panel is ready (the chart itself loads after the page)", () => {
    const detail = makeDetail({
      lagSamples: [
        { t: T0 - 10_000, member: "node2", receive: 0, replay: 100 },
        { t: T0 - 5_000, member: "node2", receive: 2048, replay: 4096 },
      ],
    });
    const panel = one(render(<ClusterClient name="lab" initial={detail} kiosk={false} />), "lag-chart");
    assert.match(panel.html, /data-state="ready"/);
    assert.match(panel.text, /node2 received 2 kB · replayed 4 kB/);
  });
});
