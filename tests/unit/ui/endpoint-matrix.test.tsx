import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EndpointMatrix } from "@/components/cluster/endpoint-matrix/endpoint-matrix";
import { HaproxyConfig } from "@/components/cluster/endpoint-matrix/haproxy-config";
import { ReadinessPanel } from "@/components/cluster/readiness/readiness-panel";
import { byTestId, one, render } from "../../support/render";
import { FIXTURES } from "../../support/fixtures";
import { pipeline, PROBE, type Version } from "../../support/capture-pipeline";

// The endpoint matrix, HAProxy routing, haproxy.cfg panel and failover readiness, rendered from the
// real captures through the real pipeline (with its probe rounds).

/** `_context/status-matrix.txt`: path → status per node (ERR: no answer). */
function statusMatrix(version: Version, scenario: string): Map<string, string[]> {
  const text = readFileSync(join(FIXTURES, version, scenario, "_context", "status-matrix.txt"), "utf8");
  return new Map(
    text
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [path, ...codes] = line.trim().split(/\s+/);
        return [path!, codes];
      }),
  );
}

/** The rendered matrix as path → data-status per member, with /replica?lag=… under the capture's own lag. */
function renderedMatrix(html: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const cell of byTestId(html, "endpoint-cell")) {
    const path = cell.attrs["data-path"]!.startsWith("/replica?lag=")
      ? "/replica?lag=1"
      : cell.attrs["data-path"]!;
    rows.set(path, [...(rows.get(path) ?? []), cell.attrs["data-status"]!]);
  }
  return rows;
}

async function probed(version: Version, scenario: string) {
  return pipeline(version, scenario, { probeIntervalMs: PROBE }).run(scenario);
}

describe("endpoint matrix", () => {
  for (const version of ["patroni-3.0.2", "patroni-4"] as const) {
    test(`${version} a-healthy: every cell equals the capture's status-matrix.txt`, async () => {
      const d = await probed(version, "a-healthy");
      const html = render(<EndpointMatrix detail={d} mounted={false} />);
      const rendered = renderedMatrix(html);
      const recorded = statusMatrix(version, "a-healthy");
      // 14 rows: Lab 1's / and /patroni, then the twelve health checks
      assert.equal(byTestId(html, "endpoint-cell").length, 14 * 3);
      for (const [path, statuses] of rendered) {
        if (version === "patroni-3.0.2" && path === "/quorum") {
          assert.deepEqual(statuses, ["not_in_version", "not_in_version", "not_in_version"]);
          continue;
        }
        const row = recorded.get(
          version === "patroni-3.0.2" && path === "/standby-leader" ? "/standby" : path,
        );
        assert.deepEqual(statuses, row, path);
      }
      const members = byTestId(html, "endpoint-cell")
        .filter((c) => c.attrs["data-path"] === "/primary")
        .map((c) => c.attrs["data-member"]);
      assert.deepEqual(members, ["node1", "node2", "node3"]);
      const replicaLag = byTestId(html, "endpoint-cell").find((c) =>
        c.attrs["data-path"]!.startsWith("/replica?lag="),
      )!;
      assert.equal(
        replicaLag.attrs["data-path"],
        "/replica?lag=1048576",
        "the lag of the probe is maximum_lag_on_failover",
      );
    });
  }

  for (const version of ["patroni-3.0.2", "patroni-4"] as const) {
    test(`${version}: GET / is 200 on the leader and 503 on both replicas; /patroni 200 on all`, async () => {
      const html = render(<EndpointMatrix detail={await probed(version, "a-healthy")} mounted={false} />);
      const row = (path: string) =>
        byTestId(html, "endpoint-cell")
          .filter((c) => c.attrs["data-path"] === path)
          .map((c) => [c.attrs["data-member"], c.attrs["data-status"]]);
      assert.deepEqual(row("/"), [
        ["node1", "200"],
        ["node2", "503"],
        ["node3", "503"],
      ]);
      assert.deepEqual(row("/patroni"), [
        ["node1", "200"],
        ["node2", "200"],
        ["node3", "200"],
      ]);
    });
  }

  test("3.0.2: /quorum reads 'not in this version', not 503", async () => {
    const html = render(
      <EndpointMatrix detail={await probed("patroni-3.0.2", "a-healthy")} mounted={false} />,
    );
    const quorum = byTestId(html, "endpoint-cell").filter((c) => c.attrs["data-path"] === "/quorum");
    assert.ok(quorum.every((c) => c.text === "not in this version"));
    const primary = byTestId(html, "endpoint-cell").find((c) => c.attrs["data-path"] === "/primary")!;
    assert.equal(primary.text, "200 (yes)", "the status, and yes/no for screen readers");
  });

  test("c1 failover in progress: the dead leader's cells say why there is no status", async () => {
    const html = render(
      <EndpointMatrix detail={await probed("patroni-3.0.2", "c1-failover-in-progress")} mounted={false} />,
    );
    const node3 = byTestId(html, "endpoint-cell").filter((c) => c.attrs["data-member"] === "node3");
    assert.equal(node3.length, 14);
    assert.ok(
      node3.every((c) => c.attrs["data-status"] === "error" && c.text === "Connection refused"),
      node3.map((c) => c.text).join(),
    );
  });

  test("c1 failover in progress: the refusing node's routing badge says it does not answer, not 'not probed'", async () => {
    const detail = await probed("patroni-3.0.2", "c1-failover-in-progress");
    const [primary] = byTestId(render(<EndpointMatrix detail={detail} mounted={false} />), "routing-row");
    // It was probed (the matrix above shows "Connection refused"); calling it unprobed misleads.
    assert.match(primary!.text, /node3 no answer/);
    assert.doesNotMatch(primary!.text, /not probed/);
    const vi = byTestId(render(<EndpointMatrix detail={detail} mounted={false} />, "vi"), "routing-row")[0]!;
    assert.match(vi.text, /node3 không trả lời/);
  });

  test("a probe time and interval once mounted; placeholders on the server", async () => {
    const d = await probed("patroni-4", "a-healthy");
    assert.match(
      one(render(<EndpointMatrix detail={d} mounted={false} />), "endpoint-probed-at").text,
      /^Probed: … · every 15 s$/,
    );
    assert.match(
      one(
        render(
          <EndpointMatrix detail={{ ...d, endpoints: { ...d.endpoints, probeIntervalMs: null } }} mounted />,
        ),
        "endpoint-probed-at",
      ).text,
      /probing is off/,
    );
  });

  test("routing beneath it: 5000 primary, 5001 replicas, 5002 read-write, 5003 read-only", async () => {
    const html = render(<EndpointMatrix detail={await probed("patroni-4", "a-healthy")} mounted={false} />);
    const rows = byTestId(html, "routing-row").map((r) => [
      r.attrs["data-port"],
      r.attrs["data-up"],
      r.attrs["data-down"],
    ]);
    assert.deepEqual(rows, [
      ["5000", "node1", "node2 node3"],
      ["5001", "node2 node3", "node1"],
      ["5002", "node1", "node2 node3"],
      ["5003", "node1 node2 node3", ""],
    ]);
    assert.match(
      byTestId(html, "routing-row")[0]!.text,
      /^5000 primary: writes \/primary node1 UP node2 DOWN node3 DOWN$/,
    );
    assert.match(
      render(<EndpointMatrix detail={await probed("patroni-4", "a-healthy")} mounted={false} />, "vi"),
      /UP \(nhận kết nối\)/,
    );
  });
});

describe("haproxy.cfg panel", () => {
  test("fetched on demand (nothing before the click), with a download link and the HTTP/1.0 note", () => {
    const html = render(<HaproxyConfig clusterName="demo lab" />);
    const panel = one(html, "haproxy-config");
    assert.equal(byTestId(html, "haproxy-config-text").length, 0);
    assert.match(panel.html, /href="\/api\/clusters\/demo%20lab\/haproxy.cfg" download=""/);
    assert.match(
      one(html, "haproxy-note").text,
      /tcp-check expect string HTTP\/1\.1\\ 200 ?\..*answers HTTP\/1\.0 200 OK ?, so that string never matches and every server stays DOWN/,
    );
    assert.match(
      one(render(<HaproxyConfig clusterName="x" />, "vi"), "haproxy-note").text,
      /không bao giờ khớp/,
    );
  });
});

describe("failover readiness", () => {
  test("4.x a-healthy in synchronous mode: safe with the sync standby; the async replica says why not", async () => {
    const html = render(<ReadinessPanel readiness={(await probed("patroni-4", "a-healthy")).readiness} />);
    const verdict = one(html, "readiness-verdict");
    assert.equal(verdict.attrs["data-verdict"], "safe");
    assert.equal(verdict.text, "Safe: 1 candidate (node2)");
    const members = byTestId(html, "readiness-member").map((m) => [
      m.attrs["data-member"],
      m.attrs["data-candidate"],
    ]);
    assert.deepEqual(members, [
      ["node2", "true"],
      ["node3", "false"],
    ]);
    assert.match(byTestId(html, "readiness-member")[1]!.text, /No Not the synchronous standby/);
  });

  for (const version of ["patroni-3.0.2", "patroni-4"] as const) {
    test(`${version} f2-walreceiver-stalled: node2 no, because of its lag`, async () => {
      const html = render(
        <ReadinessPanel readiness={(await probed(version, "f2-walreceiver-stalled")).readiness} />,
      );
      const node2 = byTestId(html, "readiness-member").find((m) => m.attrs["data-member"] === "node2")!;
      assert.equal(node2.attrs["data-candidate"], "false");
      assert.match(node2.text, /Lag over maximum_lag_on_failover/);
    });
  }

  test("d-paused: unsafe, maintenance mode (in Vietnamese too)", async () => {
    const p = pipeline("patroni-4", "a-healthy");
    const d = await p.run("a-healthy", "d-paused");
    const verdict = one(render(<ReadinessPanel readiness={d.readiness} />), "readiness-verdict");
    assert.deepEqual(
      [verdict.attrs["data-verdict"], verdict.text],
      ["unsafe", "Unsafe: Maintenance mode: Patroni does not fail over"],
    );
    assert.equal(
      one(render(<ReadinessPanel readiness={d.readiness} />, "vi"), "readiness-verdict").text,
      "Không an toàn: Chế độ bảo trì: Patroni không failover",
    );
  });
});
