import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { PROBE_ENDPOINTS, PROBE_PATHS, type ProbeEndpoint } from "@/lib/domain/endpoints";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import {
  EVERY_ROUND,
  FROM_POLL,
  planProbes,
  probeDue,
  roundPaths,
  runProbeRound,
} from "@/lib/server/poller/probes";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { FIXTURES } from "../../support/fixtures";
import { INTERVAL, pipeline, PROBE, type Version, stopPipelines } from "../../support/capture-pipeline";
import { httpServer } from "../../support/servers";

afterEach(stopPipelines); // a failed assertion skips a test's own poller.stop()

// Health-endpoint probes: the matrix equals the status codes recorded from real Patroni, the cadence
// is exact, nodes in back-off are left alone, and a node never has two of our requests at once.

/** The recorded status codes per path and node: `_context/status-matrix.txt` of a scenario. */
function statusMatrix(version: Version, scenario: string): Map<string, (number | null)[]> {
  const text = readFileSync(join(FIXTURES, version, scenario, "_context", "status-matrix.txt"), "utf8");
  const rows = new Map<string, (number | null)[]>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [path, ...codes] = line.trim().split(/\s+/);
    rows.set(
      path!,
      codes.map((c) => (c === "ERR" ? null : Number(c))),
    );
  }
  return rows;
}

const MATRIX_ROW: Record<ProbeEndpoint, string> = { ...PROBE_PATHS, replica_lag: "/replica?lag=1" };
const probePaths = (paths: string[]) =>
  paths.filter((p) => !["/patroni", "/cluster", "/history", "/config"].includes(p));

/** Every cell of the matrix is the status code recorded from real Patroni in that scenario. */
function assertRecordedMatrix(d: ClusterDetail, version: Version, scenario: string): void {
  const recorded = statusMatrix(version, scenario);
  for (const [index, node] of d.endpoints.nodes.entries()) {
    for (const endpoint of PROBE_ENDPOINTS) {
      const cell = node.cells[endpoint];
      const where = `${node.member} ${endpoint}`;
      const down = recorded.get("/patroni")![index] === null;
      if (down) {
        // a plain client gets "connection refused" from every path of a dead node (its version is unknown too)
        assert.deepEqual([cell.outcome, cell.error], ["error", "refused"], where);
        continue;
      }
      if (endpoint === "quorum" && version === "patroni-3.0.2") {
        assert.deepEqual([cell.outcome, cell.status], ["not_in_version", null], where);
        continue;
      }
      // 3.0.2 was not recorded on /standby-leader; its /standby row has the same rule outside standby clusters
      const row = recorded.get(
        endpoint === "standby_leader" && version === "patroni-3.0.2" ? "/standby" : MATRIX_ROW[endpoint],
      )!;
      const expected = row[index]!;
      assert.deepEqual([cell.status, cell.outcome], [expected, expected === 200 ? "up" : "down"], where);
    }
  }
}

describe("endpoint matrix from the real captures", () => {
  const cases: [Version, string][] = [
    ["patroni-3.0.2", "a-healthy"],
    ["patroni-3.0.2", "c1-failover-in-progress"],
    ["patroni-3.0.2", "f2-walreceiver-stalled"],
    ["patroni-4", "a-healthy"],
    ["patroni-4", "q-quorum-mode"],
    ["patroni-4", "f1-replay-paused"],
  ];
  for (const [version, scenario] of cases) {
    test(`${version} ${scenario}: every cell is the recorded status`, async () => {
      const p = pipeline(version, scenario, { probeIntervalMs: PROBE });
      const d = await p.run(scenario);
      assertRecordedMatrix(d, version, scenario);
      assert.equal(d.endpoints.lagBytes, 1_048_576);
      assert.equal(d.endpoints.nodes[0]!.cells.replica_lag.path, "/replica?lag=1048576");
    });
  }

  test("routing: what the course's HAProxy would send where (4.x quorum mode)", async () => {
    const d = await pipeline("patroni-4", "q-quorum-mode", { probeIntervalMs: PROBE }).run("q-quorum-mode");
    assert.deepEqual(
      d.routing.map((r) => [r.listener, r.port, r.path, r.up, r.down]),
      [
        ["primary", 5000, "/primary", ["node3"], ["node1", "node2"]],
        ["replicas", 5001, "/replica", ["node1", "node2"], ["node3"]],
        ["read_write", 5002, "/read-write", ["node3"], ["node1", "node2"]],
        ["read_only", 5003, "/read-only", ["node1", "node2", "node3"], []],
      ],
    );
    assert.deepEqual(
      d.endpoints.nodes.map((n) => n.cells.quorum.outcome),
      ["up", "up", "down"],
    );
  });

  test("a node that stops answering after its round shows errors, not its old verdicts", async () => {
    const p = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE });
    await p.run("a-healthy");
    p.nodes[0]!.mode = "refused";
    const d = await p.run("a-healthy");
    assert.deepEqual(
      Object.values(d.endpoints.nodes[0]!.cells).map((c) => [c.outcome, c.error]),
      PROBE_ENDPOINTS.map(() => ["error", "refused"]),
    );
    assert.deepEqual(d.routing[0]!.unknown, ["node1"]);
  });
});

describe("probe cadence with a fake clock", () => {
  test("one round per node every probe interval (15 s at a 5 s poll): a full round, then partial ones", async () => {
    for (const version of ["patroni-4", "patroni-3.0.2"] as const) {
      const p = pipeline(version, "a-healthy", { probeIntervalMs: PROBE });
      p.poller.start();
      await p.clock.advance(0);
      await p.clock.advance(12 * INTERVAL - 1); // cycles at 0, 5, … 55 s: rounds at 0, 15, 30, 45
      p.poller.stop();
      const plan = planProbes(version === "patroni-4" ? "4.1.4" : "3.0.2", 1_048_576);
      const planned = plan.paths.map(([, path]) => path);
      // 13 GETs in a full round (12 on 3.x: no /quorum); /patroni is the poll's own answer
      assert.equal(planned.length, version === "patroni-4" ? 13 : 12);
      assert.ok(!planned.includes("/patroni"));
      // The first round asks everything; the next three the every-round endpoints plus one in turn.
      const expected = [
        ...planned,
        ...[0, 1, 2].flatMap((turn) =>
          roundPaths(plan, { signature: "s", turn }, "s").paths.map(([, path]) => path),
        ),
      ];
      for (const node of p.nodes) {
        assert.equal(node.count("/patroni"), 12, node.node);
        assert.equal(node.count("/liveness"), 4, `${version} ${node.node}: four rounds`);
        assert.deepEqual(probePaths(node.requests), expected, `${version} ${node.node}`);
        assert.equal(node.maxActive, 1, node.node);
      }
      assert.deepEqual(expected.slice(planned.length, planned.length + 4), [
        "/",
        "/liveness",
        "/readiness",
        "/replica?lag=1048576",
      ]);
      // Steady state: the partial rounds kept every other cell, so the matrix is still the recorded one.
      assertRecordedMatrix(p.detail(), version, "a-healthy");
    }
  });

  test("a slow poll does not push the rounds back: every probe interval counts from the cycle's start", async () => {
    // Regression: the next round was due 15 s (less half an interval) after the previous one actually
    // started, i.e. after the cluster's polls had answered. Under load those took seconds, so rounds
    // slipped to the next cycle again and again (0.78 of idle at a 2 s interval, bench/cadence-load.ts).
    const p = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE });
    for (const node of p.nodes) node.delays["/cluster"] = 3_000; // each cycle's polls take 3 s
    p.poller.start();
    await p.clock.advance(0);
    await p.clock.advance(12 * INTERVAL - 1); // cycles at 0, 5, … 55 s: rounds from the cycles at 0, 15, 30, 45
    p.poller.stop();
    for (const node of p.nodes) {
      assert.equal(node.count("/patroni"), 12, node.node);
      assert.equal(node.count("/liveness"), 4, `${node.node}: four rounds in 60 s`);
    }
  });

  test("partial rounds re-ask every endpoint of the node itself in turn", () => {
    const plan = planProbes("4.1.4", 1_048_576);
    const asked = new Set<string>();
    const rotated = plan.paths.length - EVERY_ROUND.length;
    assert.equal(rotated, 10, "every cell re-asked at least every 10 rounds");
    for (let turn = 0; turn < rotated; turn++) {
      const round = roundPaths(plan, { signature: "s", turn }, "s");
      assert.equal(round.full, false);
      assert.equal(round.paths.length, EVERY_ROUND.length + 1);
      round.paths.forEach(([endpoint]) => asked.add(endpoint));
    }
    assert.deepEqual(
      [...asked, ...FROM_POLL].sort(),
      [...PROBE_ENDPOINTS].sort(),
      `all within ${rotated} rounds`,
    );
    // A changed signature, an unknown one, or no previous round: everything.
    assert.equal(roundPaths(plan, { signature: "s", turn: 3 }, "t").full, true);
    assert.equal(roundPaths(plan, { signature: "s", turn: 3 }, null).full, true);
    assert.equal(roundPaths(plan, undefined, "s").paths.length, 13);
  });

  test("a changed /patroni (a switchover) makes the next round a full one, matching the new captures", async () => {
    const p = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE });
    // Rounds at 0 and 15 s (the second partial), the switchover seen at 30 s, the round then full.
    await p.run("a-healthy", "a-healthy", "a-healthy", "a-healthy", "a-healthy", "a-healthy");
    const before = p.nodes.map((n) => probePaths(n.requests).length);
    assert.deepEqual(before, [17, 17, 17]);
    const d = await p.run("b-after-switchover");
    p.nodes.forEach((n, i) => assert.equal(probePaths(n.requests).length - before[i]!, 13, n.node));
    assertRecordedMatrix(d, "patroni-4", "b-after-switchover");
  });

  test("no probes for a node in back-off; once it answers again its round is a full one", async () => {
    const p = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE });
    p.poller.start();
    await p.clock.advance(0); // round at 0 for everyone
    p.nodes[2]!.mode = "refused";
    await p.clock.advance(12 * INTERVAL - 1);
    // node3 is polled at 5, 10, 20, 40 (back-off) and never probed meanwhile
    assert.equal(p.nodes[2]!.count("/liveness"), 1);
    assert.equal(p.nodes[0]!.count("/liveness"), 4);
    p.nodes[2]!.mode = "ok";
    await p.clock.advance(1); // the cycle at 60 s: node3 answers and is due again
    p.poller.stop();
    assert.equal(p.nodes[2]!.count("/liveness"), 2);
    assert.equal(p.nodes[2]!.count("/read-only"), 2, "everything asked again after the failure");
    assert.equal(p.nodes[0]!.count("/liveness"), 5);
  });

  test("slow answers: rounds never overlap, and no node ever has two requests in flight", async () => {
    const p = pipeline("patroni-4", "a-healthy", { probeIntervalMs: PROBE });
    for (const node of p.nodes) {
      const get = node.get.bind(node);
      // Every probe takes 2 s: the first round (13 requests) outlasts the 15 s probe interval.
      node.get = async (path) => {
        if (probePaths([path]).length)
          await new Promise<void>((resolve) => p.clock.setTimeout(resolve, 2_000));
        return get(path);
      };
    }
    p.poller.start();
    await p.clock.advance(0);
    await p.clock.advance(90_000);
    p.poller.stop();
    const plan = planProbes("4.1.4", 1_048_576);
    // Whole rounds one after the other (a second round started while one runs would interleave).
    const expected = [
      ...plan.paths,
      ...[0, 1, 2, 3, 4].flatMap((turn) => roundPaths(plan, { signature: "s", turn }, "s").paths),
    ].map(([, path]) => path);
    for (const node of p.nodes) {
      assert.equal(node.maxActive, 1, node.node);
      const probes = probePaths(node.requests);
      assert.deepEqual(probes, expected.slice(0, probes.length), node.node);
      const rounds = node.count("/liveness");
      assert.ok(rounds >= 3 && rounds <= 6, `${node.node}: ${rounds} rounds in 90 s`);
    }
  });

  test("probeDue: the guard conditions and the half-interval slack", () => {
    const state = new ClusterState(
      "x",
      0,
      [
        new PatroniHttpClient({
          url: "http://127.0.0.1:1",
          auth: null,
          tls: null,
          timeoutMs: 1000,
          maxBodyBytes: 1000,
        }),
      ],
      10,
    );
    const node = state.nodes[0]!;
    assert.equal(probeDue(node, 0, PROBE, INTERVAL), false, "never answered: version unknown");
    node.status = { patroniVersion: "4.1.4" } as NonNullable<typeof node.status>;
    assert.equal(probeDue(node, 0, PROBE, INTERVAL), true);
    node.probeStartedAt = 0;
    assert.equal(probeDue(node, PROBE - INTERVAL / 2 - 1, PROBE, INTERVAL), false);
    assert.equal(probeDue(node, PROBE - INTERVAL / 2, PROBE, INTERVAL), true);
    node.probing = true;
    assert.equal(probeDue(node, 10 * PROBE, PROBE, INTERVAL), false, "previous round still running");
    node.probing = false;
    node.failures = 1;
    assert.equal(probeDue(node, 10 * PROBE, PROBE, INTERVAL), false, "failing: in back-off");
  });
});

describe("a probe round on the wire", () => {
  test("GET only, in order; /quorum not asked of 3.x; the first request without an answer ends the round", async () => {
    const methods: string[] = [];
    const server = await httpServer((req, res) => {
      methods.push(`${req.method} ${req.url}`);
      if (req.url === "/health") return req.socket.destroy(); // like Patroni when a handler raises
      res.writeHead(req.url === "/primary" ? 200 : 503, { "Content-Type": "application/json" });
      res.end("{}");
    });
    try {
      const client = new PatroniHttpClient({
        url: server.url,
        auth: null,
        tls: null,
        timeoutMs: 2000,
        maxBodyBytes: 1 << 20,
      });
      const state = new ClusterState("x", 0, [client], 10);
      const node = state.nodes[0]!;
      node.status = { patroniVersion: "3.0.2" } as NonNullable<typeof node.status>;
      await runProbeRound(node, 1_048_576, () => 1_000);
      assert.deepEqual(methods, [
        "GET /",
        "GET /primary",
        "GET /replica",
        "GET /read-write",
        "GET /read-only",
        "GET /synchronous",
        "GET /asynchronous",
        "GET /health",
      ]);
      assert.deepEqual(node.probe!.notInVersion, ["quorum"]);
      assert.equal(node.probe!.results.primary!.status, 200);
      assert.equal(node.probe!.results.root!.status, 503);
      // never asked again: the poll's own GET /patroni (which only counts when it was a 200)
      assert.ok(!methods.includes("GET /patroni"));
      assert.deepEqual(node.probe!.results.patroni, { path: "/patroni", status: 200, error: null });
      assert.equal(node.probe!.results.health!.error, "network");
      assert.equal(node.probe!.results.liveness, undefined);
      assert.equal(node.probing, false);
    } finally {
      await server.close();
    }
  });
});
