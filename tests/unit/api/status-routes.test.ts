import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET as getStatusAll } from "@/app/api/status/route";
import { GET as getStatus } from "@/app/api/clusters/[name]/status/route";
import { statusCheckAllSchema, statusCheckSchema } from "@/lib/domain/contracts-status-check";
import { installRuntime } from "@/lib/server/runtime";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { INTERVAL, pipeline, SLOW } from "../../support/capture-pipeline";

// The status URL called directly, on stores filled by the real poller from the real 4.1.4 captures.
// The handlers judge freshness at the real time, so the fake clocks end near now.

function install(...clusters: ClusterState[]): void {
  installRuntime({
    config: {
      source: "file",
      file: "/etc/x.yml",
      pollIntervalMs: INTERVAL,
      slowPollIntervalMs: SLOW,
      probeIntervalMs: 15_000,
      requestTimeoutMs: 2500,
      historyLength: 50,
      clusters: [],
    },
    clusters,
    poller: pipeline("patroni-4", "a-healthy").poller,
    demo: null,
    startedAt: Date.now(),
  });
}
after(() => installRuntime(null));

async function named(name: string): Promise<{ status: number; cache: string | null; body: unknown }> {
  const res = await getStatus(new Request(`http://localhost/api/clusters/${name}/status`), {
    params: Promise.resolve({ name }),
  });
  return { status: res.status, cache: res.headers.get("cache-control"), body: await res.json() };
}

async function healthy(name: string) {
  const p = pipeline("patroni-4", "a-healthy", { start: Date.now() - INTERVAL });
  Object.assign(p.cluster, { configuredName: name });
  await p.run("a-healthy");
  return p;
}

describe("GET /api/clusters/{name}/status", () => {
  test("200 with leader, no severity and fresh data for a healthy cluster; no-store", async () => {
    const p = await healthy("one");
    install(p.cluster);
    const res = await named("one");
    assert.equal(res.status, 200);
    assert.equal(res.cache, "no-store");
    const body = statusCheckSchema.parse(res.body);
    assert.equal(body.ok, true);
    assert.equal(body.leader, "node1");
    assert.equal(body.fresh, true);
    assert.equal(body.worstSeverity, null);
  });

  test("flips to 503 when the leader dies (failover pending, critical) and back to 200 when it returns", async () => {
    const p = pipeline("patroni-4", "a-healthy", { start: Date.now() - INTERVAL / 2 });
    Object.assign(p.cluster, { configuredName: "flip" });
    install(p.cluster);
    await p.run("a-healthy");
    assert.equal((await named("flip")).status, 200);

    p.nodes[0]!.mode = "refused";
    await p.run("a-healthy");
    const down = await named("flip");
    assert.equal(down.status, 503);
    const body = statusCheckSchema.parse(down.body);
    assert.equal(body.ok, false);
    assert.equal(body.worstSeverity, "critical");
    assert.ok(body.alerts.some((a) => a.code === "failover_pending" && a.severity === "critical"));

    p.nodes[0]!.mode = "ok";
    await p.run("a-healthy");
    const back = await named("flip");
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(statusCheckSchema.parse(back.body).worstSeverity, null);
  });

  test("503 with fresh: false when the newest answer is older than two poll intervals", async () => {
    const p = pipeline("patroni-4", "a-healthy", { start: Date.now() - 10 * INTERVAL });
    Object.assign(p.cluster, { configuredName: "old" });
    await p.run("a-healthy");
    install(p.cluster);
    const res = await named("old");
    assert.equal(res.status, 503);
    const body = statusCheckSchema.parse(res.body);
    assert.equal(body.fresh, false);
    assert.equal(body.ok, false);
  });

  test("a warning alone keeps 200 (maintenance mode is not an outage)", async () => {
    const p = pipeline("patroni-4", "a-healthy", { start: Date.now() - INTERVAL });
    Object.assign(p.cluster, { configuredName: "paused" });
    await p.run("d-paused");
    install(p.cluster);
    const res = await named("paused");
    assert.equal(res.status, 200);
    const body = statusCheckSchema.parse(res.body);
    assert.equal(body.worstSeverity, "warning");
    assert.ok(body.alerts.some((a) => a.code === "paused"));
  });

  test("404 JSON for an unknown cluster", async () => {
    install((await healthy("one")).cluster);
    const res = await named("nope");
    assert.equal(res.status, 404);
    assert.equal(res.cache, "no-store");
    assert.match((res.body as { error: string }).error, /nope/);
  });
});

describe("GET /api/status", () => {
  test("200 when every cluster is OK, 503 when any one is critical or stale", async () => {
    const a = await healthy("a");
    const b = await healthy("b");
    install(a.cluster, b.cluster);
    const ok = await getStatusAll();
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("cache-control"), "no-store");
    const okBody = statusCheckAllSchema.parse(await ok.json());
    assert.deepEqual(
      okBody.clusters.map((c) => [c.cluster, c.ok]),
      [
        ["a", true],
        ["b", true],
      ],
    );

    const stale = pipeline("patroni-4", "a-healthy", { start: Date.now() - 10 * INTERVAL });
    Object.assign(stale.cluster, { configuredName: "c" });
    await stale.run("a-healthy");
    install(a.cluster, b.cluster, stale.cluster);
    const bad = await getStatusAll();
    assert.equal(bad.status, 503);
    const badBody = statusCheckAllSchema.parse(await bad.json());
    assert.equal(badBody.ok, false);
    assert.deepEqual(
      badBody.clusters.filter((c) => !c.ok).map((c) => c.cluster),
      ["c"],
    );
  });
});
