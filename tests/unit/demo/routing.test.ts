import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseLagBytes } from "@/lib/server/demo";
import { capture, type Capture, fakeCluster, FIXTURES, NODES, simCodes, VERSIONS } from "./fixture-reader";

// Patroni's routing rules (patroni/api.py, RestApiHandler): substring matching, dedicated handlers by first path
// segment, bare status lines, 501 for writes, and `?lag=` parsing.

describe("?lag= parsing (utils.parse_int with base unit B)", () => {
  const cases: [string, number | null][] = [
    ["1048576", 1_048_576],
    ["1MB", 1_048_576],
    ["1024kB", 1_048_576],
    ["16 MB", 16_777_216],
    ["1.5MB", 1_572_864],
    ["1.5GB", 1_610_612_736],
    ["1TB", 1_099_511_627_776],
    ["0.6kB", 614],
    ["2.5", 2], // Python rounds halves to even
    ["3.5", 4],
    ["1e3", 1000],
    ["0x10", 16],
    ["010", 8], // C strtol: a leading zero is octal
    ["-1", -1],
    ["1mb", null], // units are case-sensitive: invalid, so the check is ignored
    ["10kb", null],
    ["1KB", null],
    ["08MB", null],
    ["abc", null],
    ["", null],
    ["MB", null],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.equal(parseLagBytes(input), expected));
  }
});

/** The captures' extra-requests were taken on a healthy cluster; map capture nodes to roles. */
const EXTRA_ROLES: Record<string, Record<string, string>> = {
  "patroni-4": { node3: "leader", node1: "sync_standby", node2: "replica" },
  "patroni-3.0.2": { node2: "leader", node3: "sync_standby" },
};
const SIM_NODE: Record<string, string> = { leader: "node1", sync_standby: "node2", replica: "node3" };

for (const { dir, version } of VERSIONS) {
  test(`${version}: odd paths and methods answer like the extra-requests captures`, () => {
    const sim = fakeCluster(version);
    sim.wait(5_000);
    let compared = 0;
    for (const [node, role] of Object.entries(EXTRA_ROLES[dir]!)) {
      const folder = join(FIXTURES, dir, "_extra", "extra-requests", node);
      for (const file of readdirSync(folder)) {
        const real = capture(
          dir,
          join("_extra", "extra-requests"),
          node,
          file.replace(/\.json$/, ""),
        ) as Capture & { method: string };
        // failsafe_mode was switched on for the 4.x extras; the demo never enables it.
        if (real.path === "/failsafe" && real.status === 200) continue;
        const ours = sim.model.respond(SIM_NODE[role]!, real.method, real.path)!;
        const where = `${real.method} ${real.path} on the ${role}`;
        assert.equal(ours.status, real.status, where);
        assert.equal(ours.statusText, real.reason, where);
        assert.deepEqual(
          Object.keys(ours.headers).filter((h) => h !== "Connection" || "Connection" in real.headers),
          Object.keys(real.headers),
          where,
        );
        if (real.body === "") assert.equal(ours.body, "", where);
        compared += 1;
      }
    }
    assert.ok(compared >= 28, `only ${compared} requests compared`);
  });
}

describe("routing", () => {
  test("GET /failsafe is the stdlib 502 page, byte for byte", () => {
    const sim = fakeCluster("4.1.4");
    const real = capture("patroni-4", "a-healthy", "node1", "failsafe");
    const ours = sim.get("node1", "/failsafe")!;
    assert.equal(ours.body, real.body);
    assert.deepEqual(Object.keys(ours.headers), Object.keys(real.headers));
    assert.equal(ours.headers["Content-Length"], "346");
    assert.equal(ours.headers["Content-Type"], "text/html;charset=utf-8");
  });

  test("writes are 501 HTML pages; the demo implements none", () => {
    const sim = fakeCluster("4.1.4");
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = sim.model.respond("node1", method, method === "POST" ? "/switchover" : "/config")!;
      assert.equal(res.status, 501);
      assert.equal(res.statusText, `Unsupported method ('${method}')`);
      assert.match(res.body, new RegExp(`<p>Message: Unsupported method \\('${method}'\\)\\.</p>`));
      assert.equal(res.headers["Content-Length"], String(Buffer.byteLength(res.body)));
    }
  });

  test("substring rules, / as primary, /standby never, dedicated handlers by first segment", () => {
    const sim = fakeCluster("4.1.4");
    sim.wait(3_000);
    const codes = (path: string) => simCodes(sim.model, path).join(" ");
    assert.equal(codes("/"), "200 503 503");
    assert.equal(codes("/standby"), "503 503 503");
    assert.equal(codes("/healthz"), "200 200 200", "contains 'health'");
    assert.equal(codes("/replcia"), "503 503 503", "a typo looks like an unhealthy node");
    assert.equal(codes("/cluster/anything"), "200 200 200");
    assert.equal(codes("/read-only-quorum"), "200 503 503");
    assert.equal(
      codes("/replica?tag_foo="),
      "503 200 200",
      "a blank tag value is dropped, like parse_qs does",
    );
    assert.equal(codes("/read-only?tag_foo=bar"), "503 503 503");
    assert.equal(codes("/primary?tag_foo=bar"), "200 503 503", "tags are ignored by the primary rule");
    const unknown = sim.get("node2", "/foo")!;
    assert.equal(unknown.headers["Content-Type"], "application/json");
    assert.equal((JSON.parse(unknown.body) as { role: string }).role, "replica");
    for (const method of ["HEAD", "OPTIONS"]) {
      assert.deepEqual(
        NODES.map((n) => sim.model.respond(n, method, "/patroni")!.status),
        [503, 503, 503],
        `${method} /patroni runs the health rules`,
      );
      const bare = sim.model.respond("node2", method, "/replica")!;
      assert.deepEqual([bare.status, bare.headers, bare.body], [200, {}, ""]);
    }
    const liveness = sim.get("node3", "/liveness")!;
    assert.deepEqual([liveness.status, liveness.headers, liveness.body], [200, {}, ""]);
  });

  test("3.0.2 speaks master, has no scope or member name, and no quorum handlers", () => {
    const sim = fakeCluster("3.0.2");
    sim.wait(3_000);
    const leader = sim.json("node1", "/patroni");
    assert.equal(leader.role, "master");
    assert.deepEqual(leader.patroni, { version: "3.0.2", scope: "demo" });
    assert.equal(sim.json("node1", "/cluster").scope, undefined);
    assert.equal(simCodes(sim.model, "/read-only-quorum").join(" "), "200 200 200");
    assert.equal(simCodes(sim.model, "/quorum").join(" "), "503 503 503");
  });
});
