import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET as getClusters } from "@/app/api/clusters/route";
import { GET as getCluster } from "@/app/api/clusters/[name]/route";
import { clusterDetailSchema, type ClusterDetail } from "@/lib/domain/contracts";
import { clusterUrl, mergeClusterDetail } from "@/lib/query/cluster-merge";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// A refresh downloads what changed: the lag history once, then only newer samples (?since=), and
// nothing at all (304) when the reader already holds the current bytes.

const clock = new FakeClock(Date.now());
const nodes = [1, 2, 3].map(
  (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
);
const cluster = new ClusterState(
  "lab",
  0,
  nodes.map((n) => n.asClient()),
  50,
);
const poller = new Poller([cluster], { intervalMs: 5000, slowIntervalMs: 30000, clock });

async function cycles(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await clock.advance(5000);
    await poller.runCycle();
  }
}

before(async () => {
  await cycles(12);
  installRuntime({
    config: testConfig(),
    clusters: [cluster],
    poller,
    demo: null,
    startedAt: 0,
  });
});
after(() => installRuntime(null));

const params = (name: string) => ({ params: Promise.resolve({ name }) });
const get = (path: string, etag?: string) =>
  getCluster(
    new Request(`http://x${path}`, { headers: etag ? { "if-none-match": etag } : {} }),
    params("lab"),
  );

describe("GET /api/clusters/{name}?since=", () => {
  test("sends only the samples after `since`, and the merge rebuilds the full history", async () => {
    const full = clusterDetailSchema.parse(await (await get("/api/clusters/lab")).json());
    assert.ok(full.lagSamples.length >= 20, `history to work with (${full.lagSamples.length} samples)`);
    assert.equal(full.lagSince, null);
    assert.equal(full.lagFrom, full.lagSamples[0]!.t);

    await cycles(2);
    const url = clusterUrl("/api/clusters/lab", full);
    assert.equal(url, `/api/clusters/lab?since=${full.lagSamples.at(-1)!.t}`);
    const res = await get(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const increment = clusterDetailSchema.parse(await res.json());
    assert.equal(increment.lagSince, full.lagSamples.at(-1)!.t);
    // Two cycles, two replicas with a lag each: four new samples, none of the old ones.
    assert.equal(increment.lagSamples.length, 4);
    assert.ok(increment.lagSamples.every((s) => s.t > increment.lagSince!));

    const now = clusterDetailSchema.parse(await (await get("/api/clusters/lab")).json());
    const merged = mergeClusterDetail(full, increment);
    assert.deepEqual(merged.lagSamples, now.lagSamples);
    assert.equal(merged.lagSince, null);
  });

  test("the increment is a small fraction of the full answer once the history is long", async () => {
    const fullRes = await get("/api/clusters/lab");
    const full = clusterDetailSchema.parse(JSON.parse(await fullRes.clone().text()));
    const fullBytes = (await fullRes.text()).length;
    const incBytes = (await (await get(clusterUrl("/api/clusters/lab", full))).text()).length;
    const perSample = JSON.stringify(full.lagSamples[0]).length;
    assert.ok(
      fullBytes - incBytes >= (full.lagSamples.length - 1) * perSample,
      `${fullBytes} vs ${incBytes}`,
    );
  });

  test("400 naming the bad value for a since that is not a time", async () => {
    for (const bad of ["abc", "", "-5", "1.5"]) {
      const res = await get(`/api/clusters/lab?since=${bad}`);
      assert.equal(res.status, 400, bad);
      assert.match((await res.json()).error, /since must be a time in epoch milliseconds/);
    }
  });
});

describe("ETag and 304", () => {
  test("the same bytes carry the same ETag; If-None-Match with it gets an empty 304", async () => {
    const first = await get("/api/clusters/lab");
    const etag = first.headers.get("etag");
    assert.match(etag ?? "", /^"[A-Za-z0-9_-]+"$/);
    const again = await get("/api/clusters/lab", etag!);
    assert.equal(again.status, 304);
    assert.equal(again.headers.get("etag"), etag);
    assert.equal(again.headers.get("cache-control"), "no-store");
    assert.equal(await again.text(), "");
    // A list of tags, weak or not, that names ours also matches.
    assert.equal((await get("/api/clusters/lab", `"other", W/${etag}`)).status, 304);
  });

  test("after the poller writes, the old ETag gets the new body", async () => {
    const etag = (await get("/api/clusters/lab")).headers.get("etag")!;
    await cycles(1);
    const res = await get("/api/clusters/lab", etag);
    assert.equal(res.status, 200);
    assert.notEqual(res.headers.get("etag"), etag);
    clusterDetailSchema.parse(await res.json());
  });

  test("GET /api/clusters: 304 for the current ETag, 200 for a stale one", async () => {
    const first = await getClusters(new Request("http://x/api/clusters"));
    const etag = first.headers.get("etag")!;
    const again = await getClusters(
      new Request("http://x/api/clusters", { headers: { "if-none-match": etag } }),
    );
    assert.equal(again.status, 304);
    const stale = await getClusters(
      new Request("http://x/api/clusters", { headers: { "if-none-match": '"x"' } }),
    );
    assert.equal(stale.status, 200);
    assert.equal(stale.headers.get("etag"), etag);
  });
});

describe("mergeClusterDetail", () => {
  const sample = (t: number) => ({ t, member: "node2", receive: 0, replay: 0 });
  const detail = (over: Partial<ClusterDetail>): ClusterDetail => ({ ...({} as ClusterDetail), ...over });

  test("a full answer replaces what is held", () => {
    const next = detail({ lagSamples: [sample(5)], lagSince: null, lagFrom: 5 });
    assert.equal(mergeClusterDetail(detail({ lagSamples: [sample(1)] }), next), next);
  });

  test("drops held samples older than the server's oldest, and any after `since` (no duplicates)", () => {
    const held = detail({ lagSamples: [sample(1), sample(2), sample(3), sample(4)] });
    const next = detail({ lagSamples: [sample(4), sample(5)], lagSince: 3, lagFrom: 2 });
    assert.deepEqual(
      mergeClusterDetail(held, next).lagSamples.map((s) => s.t),
      [2, 3, 4, 5],
    );
  });

  test("a server that holds no samples (lagFrom null) empties the history", () => {
    const held = detail({ lagSamples: [sample(1)] });
    const next = detail({ lagSamples: [], lagSince: 1, lagFrom: null });
    assert.deepEqual(mergeClusterDetail(held, next).lagSamples, []);
  });

  test("nothing held: the increment alone", () => {
    const next = detail({ lagSamples: [sample(9)], lagSince: 8, lagFrom: 1 });
    assert.deepEqual(mergeClusterDetail(undefined, next).lagSamples, [sample(9)]);
    assert.equal(clusterUrl("/api/clusters/a", undefined), "/api/clusters/a");
  });
});
