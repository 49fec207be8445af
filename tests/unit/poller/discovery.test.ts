import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { Poller } from "@/lib/server/poller/poller";
import { MAX_DISCOVERED_NODES, restBase } from "@/lib/server/poller/discovery";
import type { NodeTarget, PatroniHttpClient } from "@/lib/server/patroni/client";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

// Regression: with one configured URL the other members showed (from /cluster) but were never polled
// ("has not answered yet", no probes). Now every member the DCS lists is polled through its api_url.

const INTERVAL = 5000;

function setup(discover: boolean, scenario = "a-healthy") {
  const clock = new FakeClock();
  // 3.0.2 captures: node1..3 list api_urls http://127.0.0.1:8008..8010/patroni
  const fakes = new Map<string, FakeNode>();
  const fake = (url: string) => {
    const port = Number(new URL(url).port);
    const node = new FakeNode(clock, url, "patroni-3.0.2", scenario, `node${port - 8007}`);
    fakes.set(url, node);
    return node;
  };
  const made: string[] = [];
  const cluster = new ClusterState(null, 0, [fake("http://127.0.0.1:8008").asClient()], 100);
  const poller = new Poller([cluster], {
    intervalMs: INTERVAL,
    slowIntervalMs: 30_000,
    clock,
    random: () => 0.5,
    discover: () => discover,
    clientFor: (target: NodeTarget): PatroniHttpClient => {
      made.push(target.url);
      return fake(target.url).asClient();
    },
  });
  const setScenario = (name: string) => fakes.forEach((n) => (n.scenario = name));
  const detail = () => buildDetail(cluster, clock.now(), INTERVAL);
  return { clock, cluster, poller, fakes, made, setScenario, detail };
}

describe("discovery from one URL", () => {
  test("every member the DCS lists is polled within two intervals, with the configured settings", async () => {
    const { clock, poller, fakes, made, detail } = setup(true);
    await poller.runCycle();
    assert.deepEqual(made.sort(), ["http://127.0.0.1:8009", "http://127.0.0.1:8010"], "REST base only");
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const d = detail();
    assert.equal(d.members.length, 3);
    for (const m of d.members) {
      assert.equal(m.reachable, true, m.name);
      assert.equal(m.observedAt, clock.now(), `${m.name} polled`);
    }
    assert.equal(fakes.get("http://127.0.0.1:8010")!.count("/patroni"), 1);
    assert.equal(fakes.get("http://127.0.0.1:8010")!.target.timeoutMs, 2500);
  });

  test("a member that leaves the DCS is no longer polled; one that comes back is again", async () => {
    const { clock, cluster, poller, setScenario, detail } = setup(true);
    await poller.runCycle();
    assert.equal(cluster.nodes.length, 3);
    setScenario("c2-after-failover"); // node3 gone from /cluster
    await clock.advance(INTERVAL);
    await poller.runCycle();
    assert.deepEqual(
      cluster.nodes.map((n) => n.url),
      ["http://127.0.0.1:8008", "http://127.0.0.1:8009"],
    );
    setScenario("c3-old-leader-rejoined");
    await clock.advance(INTERVAL);
    await poller.runCycle();
    assert.equal(cluster.nodes.length, 3, "rejoined");
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const node3 = detail().members.find((m) => m.name === "node3")!;
    assert.equal(node3.observedAt, clock.now(), "polled again");
  });

  test("`discover: false`: only the configured node is polled", async () => {
    const { clock, cluster, poller, made, detail } = setup(false);
    await poller.runCycle();
    await clock.advance(INTERVAL);
    await poller.runCycle();
    assert.deepEqual(made, []);
    assert.equal(cluster.nodes.length, 1);
    const unpolled = detail().members.filter((m) => m.observedAt === null);
    assert.equal(unpolled.length, 2);
  });

  test("only http/https api_urls, credentials and paths stripped", () => {
    assert.equal(restBase("http://127.0.0.1:8008/patroni"), "http://127.0.0.1:8008");
    assert.equal(restBase("https://u:p@pg1.example:8008/x?y"), "https://pg1.example:8008");
    assert.equal(restBase("file:///etc/passwd"), null);
    assert.equal(restBase("gopher://127.0.0.1:70"), null);
    assert.equal(restBase("not a url"), null);
    assert.equal(restBase(null), null);
  });

  test("a DCS listing hundreds of members adds at most MAX_DISCOVERED_NODES", async () => {
    const { cluster, poller, fakes, made } = setup(true);
    const seed = fakes.get("http://127.0.0.1:8008")!;
    const original = seed.get.bind(seed);
    seed.get = async (path: string) => {
      const res = await original(path);
      if (path !== "/cluster" || !res.ok) return res;
      const body = JSON.parse(res.text) as { members: { name: string; api_url: string; role: string }[] };
      for (let i = 0; i < 300; i++)
        body.members.push({
          name: `x${i}`,
          role: "replica",
          api_url: `http://127.0.0.2:${20000 + i}/patroni`,
        });
      return { ...res, text: JSON.stringify(body) };
    };
    await poller.runCycle();
    assert.equal(made.length, MAX_DISCOVERED_NODES);
    assert.equal(cluster.nodes.length, MAX_DISCOVERED_NODES + 1);
  });

  test("a listed URL that answers for another cluster is marked, not taken as a member", async () => {
    const { clock, poller, fakes, detail } = setup(true);
    await poller.runCycle();
    const stranger = fakes.get("http://127.0.0.1:8010")!;
    const original = stranger.get.bind(stranger);
    stranger.get = async (path: string) => {
      const res = await original(path);
      return res.ok && path === "/patroni"
        ? {
            ...res,
            text: res.text
              .replace('"scope": "demo"', '"scope": "other"')
              .replace('"scope":"demo"', '"scope":"other"'),
          }
        : res;
    };
    await clock.advance(INTERVAL);
    await poller.runCycle();
    const node3 = detail().members.find((m) => m.name === "node3")!;
    assert.equal(node3.reachable, false);
    assert.match(node3.lastError!.message, /answers for cluster "other"/);
  });
});
