import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "@/lib/server/config/load";
import {
  controlAnswer,
  type DemoFleet,
  fleetConfigYaml,
  fleetScopes,
  startDemoFleet,
} from "@/lib/server/demo";
import { fleetClusterSeed, fleetPorts, validateFleetOptions } from "@/lib/server/demo/fleet";

// The fleet simulator: N clusters on consecutive loopback ports, each its own scope and seed, one
// control API choosing a cluster and a scenario by name, and a dashboard config that lists them.

const BASE = Number(process.env.TEST_FLEET_PORT ?? 28400);
const T0 = Date.UTC(2026, 10, 25, 19, 23, 0);

describe("fleet naming, ports and seeds", { timeout: 10_000 }, () => {
  test("scopes are zero-padded so they sort as they count", () => {
    assert.deepEqual(fleetScopes(3), ["demo-001", "demo-002", "demo-003"]);
    assert.equal(fleetScopes(100).at(-1), "demo-100");
    assert.equal(fleetScopes(1000, "lab")[0], "lab-0001");
  });

  test("cluster i listens on base + 3i … base + 3i + 2", () => {
    assert.deepEqual(fleetPorts(27400, 0), [27400, 27401, 27402]);
    assert.deepEqual(fleetPorts(27400, 99), [27697, 27698, 27699]);
  });

  test("a cluster's seed depends on the fleet seed and its scope only", () => {
    assert.equal(fleetClusterSeed(1, "demo-007"), fleetClusterSeed(1, "demo-007"));
    assert.notEqual(fleetClusterSeed(1, "demo-007"), fleetClusterSeed(1, "demo-008"));
    assert.notEqual(fleetClusterSeed(1, "demo-007"), fleetClusterSeed(2, "demo-007"));
  });

  test("bad options are refused with the reason", () => {
    assert.throws(() => validateFleetOptions({ clusters: 0, basePort: BASE }), /from 1 to 1000/);
    assert.throws(() => validateFleetOptions({ clusters: 100, basePort: 65400 }), /need ports 65400–65699/);
    assert.throws(
      () => validateFleetOptions({ clusters: 2, basePort: BASE, scenarios: { "demo-009": "failover" } }),
      /no cluster named "demo-009"/,
    );
    assert.throws(
      () => validateFleetOptions({ clusters: 2, basePort: BASE, scenarios: { "demo-002": "explode" } }),
      /unknown scenario "explode"/,
    );
    assert.throws(() => validateFleetOptions({ clusters: 2, basePort: BASE, prefix: "a/b" }), /prefix/);
  });
});

describe("startDemoFleet over HTTP", { timeout: 30_000 }, () => {
  const clock = { t: T0 };
  let fleet: DemoFleet;

  before(async () => {
    fleet = await startDemoFleet({
      clusters: 4,
      basePort: BASE,
      seed: 9,
      now: () => clock.t,
      syncIntervalMs: 20,
      scenarios: { "demo-004": "maintenance" },
    });
  });
  after(() => fleet.stop());

  test("every cluster answers on its own consecutive ports under its own scope", async () => {
    assert.deepEqual(
      fleet.clusters.map((c) => c.cluster.urls),
      [0, 1, 2, 3].map((i) => fleetPorts(BASE, i).map((p) => `http://127.0.0.1:${p}`)),
    );
    for (const { scope, cluster } of fleet.clusters) {
      const body = (await (await fetch(`${cluster.urls[1]}/cluster`)).json()) as {
        scope: string;
        members: { api_url: string }[];
      };
      assert.equal(body.scope, scope);
      assert.deepEqual(
        body.members.map((m) => m.api_url),
        cluster.urls.map((u) => `${u}/patroni`),
      );
      const patroni = (await (await fetch(`${cluster.urls[0]}/patroni`)).json()) as {
        patroni: { scope: string };
      };
      assert.equal(patroni.patroni.scope, scope);
    }
  });

  test("a start-up scenario applies to its cluster only", async () => {
    const paused = async (url: string) =>
      ((await (await fetch(`${url}/cluster`)).json()) as { pause?: boolean }).pause === true;
    assert.equal(await paused(fleet.get("demo-004")!.urls[0]!), true);
    assert.equal(await paused(fleet.get("demo-003")!.urls[0]!), false);
  });

  test("the control API triggers a scenario on one named cluster", async () => {
    const answer = await controlAnswer(fleet, "POST", "/clusters/demo-002/scenario/node-down");
    assert.equal(answer.status, 200);
    clock.t += 3_000;
    await fleet.get("demo-002")!.sync();
    const down = (await controlAnswer(fleet, "GET", "/")).body as {
      clusters: { scope: string; down: string[] }[];
    };
    assert.deepEqual(
      down.clusters.map((c) => [c.scope, c.down]),
      [
        ["demo-001", []],
        ["demo-002", ["node3"]],
        ["demo-003", []],
        ["demo-004", []],
      ],
    );
    await assert.rejects(fetch(`${fleet.get("demo-002")!.urls[2]}/patroni`));
    assert.equal((await fetch(`${fleet.get("demo-001")!.urls[2]}/patroni`)).status, 200);
  });

  test("unknown clusters, scenarios, paths and methods get a clear refusal", async () => {
    const unknownScope = await controlAnswer(fleet, "POST", "/clusters/demo-999/scenario/failover");
    assert.equal(unknownScope.status, 404);
    assert.match(JSON.stringify(unknownScope.body), /no cluster named \\"demo-999\\"/);
    const unknownScenario = await controlAnswer(fleet, "POST", "/clusters/demo-001/scenario/explode");
    assert.equal(unknownScenario.status, 404);
    assert.match(JSON.stringify(unknownScenario.body), /unknown scenario/);
    // A fleet has no "the" cluster: the single-cluster route says what to use instead.
    const single = await controlAnswer(fleet, "POST", "/scenario/failover");
    assert.equal(single.status, 404);
    assert.match(JSON.stringify(single.body), /POST \/clusters\/<scope>\/scenario\/<name>/);
    const wrongMethod = await controlAnswer(fleet, "GET", "/clusters/demo-001/scenario/failover");
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.allow, "POST");
    const state = await controlAnswer(fleet, "GET", "/clusters/demo-003");
    assert.equal((state.body as { scope: string }).scope, "demo-003");
  });

  test("the written config is one the dashboard loads, naming every cluster", () => {
    const dir = mkdtempSync(join(tmpdir(), "fleet-config-"));
    try {
      const file = join(dir, "patroni-dashboard.yml");
      writeFileSync(
        file,
        fleetConfigYaml(
          fleet.clusters.map((c) => ({ scope: c.scope, urls: c.cluster.urls })),
          { poll_interval: 2 },
        ),
      );
      const config = loadConfig({ DASHBOARD_CONFIG: file }, dir);
      assert.equal(config.pollIntervalMs, 2_000);
      assert.deepEqual(
        config.clusters.map((c) => [c.name, c.nodes.map((n) => n.url)]),
        fleet.clusters.map((c) => [c.scope, c.cluster.urls]),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("startDemoFleet determinism and failure", { timeout: 30_000 }, () => {
  test("same seed, same clock: cluster demo-002 says the same bytes in a fleet of 2 or of 3", async () => {
    const bodies: string[] = [];
    for (const clusters of [2, 3]) {
      const fleet = await startDemoFleet({
        clusters,
        basePort: BASE + 20,
        seed: 4,
        now: () => T0,
        syncIntervalMs: 0,
      });
      try {
        const url = fleet.get("demo-002")!.urls[0]!;
        // api_url differs by nothing: same ports in both runs.
        bodies.push(await (await fetch(`${url}/patroni`)).text());
      } finally {
        await fleet.stop();
      }
    }
    assert.equal(bodies[0], bodies[1]);
    assert.match(bodies[0]!, /"scope": "demo-002"/);
  });

  test("a taken port fails the start with its address, and frees the ports already opened", async () => {
    const blocker = createServer();
    const taken = BASE + 40 + 4; // cluster 2's node2
    await new Promise<void>((resolve) => blocker.listen(taken, "127.0.0.1", resolve));
    try {
      await assert.rejects(
        startDemoFleet({ clusters: 3, basePort: BASE + 40, syncIntervalMs: 0 }),
        new RegExp(`cannot listen on 127\\.0\\.0\\.1:${BASE + 43}`),
      );
      // Cluster 1's ports were released: a new fleet of one can take them.
      const again = await startDemoFleet({ clusters: 1, basePort: BASE + 40, syncIntervalMs: 0 });
      await again.stop();
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
