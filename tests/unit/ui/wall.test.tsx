import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ClusterKioskClient } from "@/app/clusters/[name]/kiosk-client";
import type { ClusterSummary } from "@/lib/domain/contracts";
import { en } from "@/lib/i18n/en";
import { vi } from "@/lib/i18n/vi";
import { NotLiveBanner } from "@/components/wall/not-live-banner";
import { WallHeader } from "@/components/wall/wall-header";
import { wallStatus } from "@/components/wall/wall-status";
import { WallTile } from "@/components/wall/wall-tile";
import { FetchError } from "@/lib/query/fetch-json";
import { byTestId, one, render, textOf } from "../../support/render";
import { makeDetail, makeMember, T0 } from "../../support/detail";

// The wall's pieces as the first paint renders them: what each tile size shows, the header strip,
// the NOT LIVE banner, and the kiosk cluster screen.

const cluster = (extra: Partial<ClusterSummary> = {}): ClusterSummary => ({
  name: "demo-042",
  scope: "demo-042",
  demo: false,
  leader: "node1",
  timeline: 3,
  membersUp: 2,
  membersExpected: 3,
  worstLagBytes: 2048,
  paused: false,
  observedAt: T0 - 1000,
  tone: "crit",
  problems: [{ code: "node_unreachable", severity: "critical", member: "node3", detail: null }],
  ...extra,
});

const tile = (kind: "large" | "medium" | "compact", c = cluster(), locale: "en" | "vi" = "en") =>
  one(
    render(
      <WallTile cluster={c} kind={kind} nameFont={24} stale={false} href="/clusters/demo-042?kiosk=1" />,
      locale,
    ),
    "wall-tile",
  );

describe("wall tiles", { timeout: 10_000 }, () => {
  test("compact: name, status icon, leader and members up; no lag, timeline or problem text", () => {
    const found = tile("compact");
    assert.equal(found.attrs["data-tone"], "crit");
    assert.equal(found.attrs.href, "/clusters/demo-042?kiosk=1");
    assert.match(found.html, /<svg/); // the status icon goes with the colour
    const text = textOf(found.html);
    assert.ok(text.includes("demo-042") && text.includes("node1") && text.includes("2/3 up"), text);
    assert.ok(!text.includes("TL 3") && !text.includes("lag"), text);
    assert.equal(byTestId(found.html, "wall-problem").length, 0);
    // The status as a word is still there for a screen reader and on hover.
    assert.equal(found.attrs.title, `demo-042: ${en["tone.crit"]}`);
  });

  test("large: adds the status word, timeline, worst lag and the worst problem", () => {
    const text = textOf(tile("large").html);
    for (const part of [en["tone.crit"], "TL 3", "lag 2 kB", "node3", "2/3 up"])
      assert.ok(text.includes(part), `${part} in ${text}`);
    assert.equal(byTestId(tile("large").html, "wall-problem").length, 1);
  });

  test("no leader is said in words; Vietnamese has its own words", () => {
    assert.ok(textOf(tile("compact", cluster({ leader: null })).html).includes(en["wall.noLeader"]));
    const text = textOf(tile("medium", cluster({ leader: null }), "vi").html);
    assert.ok(text.includes(vi["wall.noLeader"]) && text.includes("2/3 hoạt động"), text);
  });
});

describe("wall header and NOT LIVE banner", { timeout: 10_000 }, () => {
  const data = {
    clusters: [cluster(), cluster({ name: "b", tone: "ok", problems: [] })],
    pollIntervalMs: 5000,
    generatedAt: T0,
  };

  test("the header counts clusters by state, with icons, and a live heartbeat", () => {
    const status = wallStatus(data, 1000, 2000, false);
    const html = render(<WallHeader status={status} total={2} now={2000} />);
    const counts = byTestId(html, "wall-counts")[0]!;
    assert.match(counts.html, /data-tone="crit" data-count="1"/);
    assert.match(counts.html, /data-tone="ok" data-count="1"/);
    assert.doesNotMatch(counts.html, /data-tone="warn"/);
    assert.equal(one(html, "wall-heartbeat").attrs["data-state"], "live");
  });

  test("a failed server: banner with the reason, heartbeat stopped; nothing when live", () => {
    const status = wallStatus(data, 1000, 2000, true);
    const banner = one(
      render(<NotLiveBanner status={status} error={new FetchError("network", "x")} />),
      "wall-not-live",
    );
    assert.equal(banner.attrs.role, "alert");
    assert.equal(banner.attrs["data-reason"], "server");
    assert.ok(textOf(banner.html).includes(en["wall.stale.title"]));
    assert.ok(textOf(banner.html).includes(en["server.reason.network"]));
    const header = render(<WallHeader status={status} total={2} now={2000} />);
    assert.equal(one(header, "wall-heartbeat").attrs["data-state"], "stopped");
    const live = render(<NotLiveBanner status={wallStatus(data, 1000, 2000, false)} error={null} />);
    assert.equal(byTestId(live, "wall-not-live").length, 0);
  });
});

describe("/clusters/{name}?kiosk=1", { timeout: 10_000 }, () => {
  test("the one-screen view: alerts, members and topology, no demo panel and no switches", () => {
    const detail = makeDetail({ name: "lab", demo: true });
    const html = render(<ClusterKioskClient name="lab" initial={detail} />);
    assert.equal(one(html, "cluster-kiosk").attrs["data-kiosk"], "true");
    assert.equal(one(html, "cluster-screen").attrs["data-cluster"], "lab");
    assert.equal(byTestId(html, "screen-member").length, detail.members.length);
    assert.equal(byTestId(html, "screen-alerts").length, 1);
    for (const id of ["demo-panel", "present-toggle", "lang-switch", "theme-switch"])
      assert.equal(byTestId(html, id).length, 0, id);
  });

  test("after a failover the dead old leader is not drawn as a second leader", () => {
    // Regression: the crown and "Leader" followed each member's own last role, so the unreachable old
    // leader (it still says leader) sat crowned beside the new one: it read as a split brain.
    const detail = makeDetail({
      name: "lab",
      leader: "node2",
      members: [
        makeMember({ name: "node1", role: "leader", reachable: false, inDcs: false, state: "running" }),
        makeMember({ name: "node2", role: "leader", state: "running" }),
        makeMember({ name: "node3", role: "replica", state: "streaming" }),
      ],
    });
    const html = render(<ClusterKioskClient name="lab" initial={detail} />, "vi");
    const rows = byTestId(html, "screen-member").map((r) => textOf(r.html));
    const crowned = byTestId(html, "screen-member").filter((r) => r.html.includes("M3 8l4.5 4L12 5"));
    assert.equal(crowned.length, 1, "one crown");
    assert.ok(textOf(crowned[0]!.html).includes("node2"));
    assert.ok(rows[0]!.includes(vi["members.lastRole"].replace("{role}", vi["role.leader"])), rows[0]);
    assert.ok(rows[2]!.includes(vi["state.streaming"]), `state in words: ${rows[2]}`);
  });
});
