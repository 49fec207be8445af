import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_SCENARIOS } from "@/lib/server/demo";
import {
  clusterSchema,
  configSchema,
  historySchema,
  patroniStatusSchema,
} from "@/lib/server/patroni/schemas";
import {
  capture,
  fakeCluster,
  type FakeCluster,
  fixtureRoles,
  type FixtureVersion,
  NODES,
  simRoles,
  VERSIONS,
} from "./fixture-reader";

// The simulator's bodies must have the captures' exact field names, nesting and order, per version
// and per role: a dashboard that parses the simulator parses a real cluster.

/** Ordered key paths of a JSON value: "xlog.location", "replication[].usename", … */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keyPaths(v, `${prefix}${k}.`)]);
}

type Setup = (sim: FakeCluster) => void;
type Member = { role: string };
const after =
  (scenario: string | null, ms: number): Setup =>
  (sim) => {
    sim.wait(5_000);
    if (scenario) assert.ok(sim.model.trigger(scenario).ok);
    sim.wait(ms);
  };

/** The simulator node that plays the role `fixtureNode` has in the capture. */
function sameRole(sim: FakeCluster, dir: FixtureVersion, scenario: string, fixtureNode: string): string {
  const role = fixtureRoles(dir, scenario)[NODES.indexOf(fixtureNode as (typeof NODES)[number])];
  const index = simRoles(sim).indexOf(role!);
  assert.ok(index >= 0, `no simulator node is ${role}`);
  return NODES[index]!;
}

const cases: { dir: FixtureVersion; scenario: string; setup: Setup; endpoints: string[] }[] = [
  ...VERSIONS.flatMap(({ dir }) => [
    {
      dir,
      scenario: "a-healthy",
      setup: after(null, 0),
      endpoints: ["patroni", "cluster", "config", "replica"],
    },
    {
      dir,
      scenario: "b-after-switchover",
      setup: after("switchover", 12_000),
      endpoints: ["patroni", "cluster", "history"],
    },
    {
      dir,
      scenario: "c1-failover-in-progress",
      setup: after("failover", 3_000),
      endpoints: ["patroni", "cluster"],
    },
    {
      dir,
      scenario: "c2-after-failover",
      setup: after("failover", 30_000),
      endpoints: ["patroni", "cluster", "history"],
    },
    {
      dir,
      scenario: "d-paused",
      setup: after("maintenance", 3_000),
      endpoints: ["patroni", "cluster", "config"],
    },
    {
      dir,
      scenario: "f2-walreceiver-stalled",
      setup: after("lag-spike", 12_000),
      endpoints: ["patroni", "cluster"],
    },
    {
      dir,
      scenario: "g-pending-restart",
      setup: after("pending-restart", 3_000),
      endpoints: ["patroni", "cluster", "primary"],
    },
    {
      dir,
      scenario: "f1-replay-paused",
      setup: after("replay-paused", 12_000),
      endpoints: ["patroni", "cluster", "config", "replica"],
    },
  ]),
  {
    dir: "patroni-4",
    scenario: "q-quorum-mode",
    setup: after("quorum", 3_000),
    endpoints: ["patroni", "cluster", "config", "quorum"],
  },
  {
    dir: "patroni-4",
    scenario: "e3-replica-patroni-stopped",
    setup: after("node-down", 6_000),
    endpoints: ["cluster"],
  },
  {
    dir: "patroni-3.0.2",
    scenario: "e1-replica-patroni-stopped",
    setup: after("node-down", 6_000),
    endpoints: ["cluster"],
  },
  {
    dir: "patroni-3.0.2",
    scenario: "i-leaderless-no-sync-candidate",
    setup: after("leaderless", 30_000),
    endpoints: ["patroni", "cluster"],
  },
];

for (const { dir, version } of VERSIONS) {
  describe(`${dir}: field names and order match the captures`, () => {
    for (const c of cases.filter((k) => k.dir === dir)) {
      test(`${c.scenario}: ${c.endpoints.join(", ")}`, () => {
        const sim = fakeCluster(version);
        c.setup(sim);
        for (const node of NODES) {
          for (const endpoint of c.endpoints) {
            const real = capture(dir, c.scenario, node, endpoint);
            if (real.status === null) continue;
            const ours = sim.json(sameRole(sim, dir, c.scenario, node), `/${endpoint}`);
            const where = `${c.scenario} ${node} /${endpoint}`;
            if (endpoint !== "cluster") {
              assert.deepEqual(keyPaths(ours), keyPaths(real.body), where);
              continue;
            }
            // Members are sorted by name and names play different roles: pair them by role.
            const theirs = real.body as { members: Member[] };
            const mine = ours as { members: Member[] };
            assert.deepEqual(Object.keys(mine), Object.keys(theirs), where);
            assert.deepEqual(
              mine.members.map((m) => m.role).sort(),
              theirs.members.map((m) => m.role).sort(),
              where,
            );
            for (const member of theirs.members) {
              const twin = mine.members.find((m) => m.role === member.role)!;
              assert.deepEqual(keyPaths(twin), keyPaths(member), `${where} ${member.role}`);
            }
          }
        }
      });
    }
  });
}

describe("value formats", () => {
  test("timestamps, LSNs and history rows are typed like Patroni's", () => {
    const sim = fakeCluster("4.1.4");
    after("failover", 30_000)(sim);
    const replica = sim.json("node3", "/patroni") as {
      postmaster_start_time: string;
      xlog: Record<string, unknown>;
    };
    assert.match(replica.postmaster_start_time, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    assert.match(String(replica.xlog.replayed_timestamp), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    assert.equal(typeof replica.xlog.received_location, "number");
    const member = (sim.json("node2", "/cluster") as { members: Record<string, unknown>[] }).members[1]!;
    assert.match(String(member.receive_lsn), /^[0-9A-F]+\/[0-9A-F]+$/);
    assert.equal(typeof member.receive_lag, "number");
    const real = capture("patroni-4", "c2-after-failover", "node1", "history").body as unknown[][];
    const ours = sim.json("node2", "/history") as unknown as unknown[][];
    assert.deepEqual(
      ours.map((row) => row.map((v) => typeof v)),
      real.slice(0, 1).map((row) => row.map((v) => typeof v)),
    );
    assert.match(String(ours[0]![3]), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    assert.equal(typeof sim.json("node2", "/patroni").dcs_last_seen, "number");
  });

  test("/config is the lab's dynamic configuration, byte for byte", () => {
    for (const { dir, version } of VERSIONS) {
      const sim = fakeCluster(version);
      sim.wait(1_000);
      assert.equal(
        sim.get("node1", "/config")!.body,
        JSON.stringify(capture(dir, "a-healthy", "node1", "config").body, null, 0)
          .replace(/,"/g, ', "')
          .replace(/":/g, '": '),
      );
    }
  });

  test("JSON uses Python's separators (same length as the capture's raw body)", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(1_000);
    const real = capture("patroni-4", "a-healthy", "node1", "config") as { body_raw_length?: number };
    assert.equal(Buffer.byteLength(sim.get("node1", "/config")!.body), real.body_raw_length);
  });
});

describe("/metrics", () => {
  /** Each line with its value (and the node name) blanked: the skeleton Prometheus parses. */
  const skeleton = (text: string) =>
    text
      .split("\n")
      .map((line) =>
        line.startsWith("#") ? line : line.replace(/ [^ ]+$/, " <v>").replace(/name="node\d"/, 'name="<n>"'),
      );

  for (const { dir, version } of VERSIONS) {
    test(`${version}: same metric lines, order, HELP and TYPE as the capture, leader and replica`, () => {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      for (const node of ["node1", "node2"]) {
        const real = capture(dir, "a-healthy", node, "metrics");
        const ours = sim.get(node, "/metrics")!;
        assert.deepEqual(skeleton(ours.body), skeleton(String(real.body)), node);
        assert.equal(ours.headers["Content-Type"], "text/plain");
      }
      const leader = sim.get("node1", "/metrics")!.body;
      assert.match(
        leader,
        version === "3.0.2"
          ? /^patroni_version\{scope="demo"\} 030002$/m
          : /^patroni_version\{scope="demo",name="node1"\} 040104$/m,
      );
      assert.match(leader, /^patroni_postmaster_start_time\{[^}]+\} \d{10}\.\d+$/m);
    });
  }
});

// Demo data must satisfy the dashboard's real Patroni schemas (house style, habit 12): every body of
// every node, through every scenario, on both versions.

const SCHEMAS = {
  "/patroni": patroniStatusSchema,
  "/replica": patroniStatusSchema,
  "/cluster": clusterSchema,
  "/history": historySchema,
  "/config": configSchema,
};

test("every scenario's bodies parse with lib/server/patroni/schemas", () => {
  let parsed = 0;
  for (const { version } of VERSIONS) {
    for (const scenario of DEMO_SCENARIOS) {
      const sim = fakeCluster(version);
      sim.wait(5_000);
      // A restart needs a pending restart to act on.
      if (scenario === "restart") {
        sim.model.trigger("pending-restart");
        sim.wait(3_000);
      }
      sim.model.trigger(scenario);
      // 2.5 s: mid-transition; 20 s: a lost leader key expires; 40 s: a scheduled switchover has run.
      for (const wait of [2_500, 17_500, 20_000]) {
        sim.wait(wait, 1_000);
        for (const node of NODES) {
          for (const [path, schema] of Object.entries(SCHEMAS)) {
            const res = sim.get(node, path);
            if (!res) continue;
            const result = schema.safeParse(JSON.parse(res.body));
            assert.ok(
              result.success,
              `${version} ${scenario} ${node} ${path}: ${result.success ? "" : result.error.message}`,
            );
            parsed += 1;
          }
        }
      }
    }
  }
  assert.ok(parsed > 400, `only ${parsed} bodies parsed`);
});
