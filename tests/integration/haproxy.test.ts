import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET as getHaproxy } from "@/app/api/clusters/[name]/haproxy.cfg/route";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { generateHaproxyCfg, haproxyMembers } from "@/lib/domain/haproxy";
import { getJson, lab, waitFor } from "../support/lab";
import { apiCluster, startDashboard } from "../support/in-process";
import { freePorts, writeDashboardConfig } from "../support/diagnostics-api";

// The generated haproxy.cfg run by real HAProxy in front of the real lab: psql through the primary
// port reaches the leader, through the replica port a replica, and after a switchover the primary
// port follows the new leader. Loopback only, free ports; the HAProxy child is always killed.

const NAME = "lab";
const cluster = lab("plain");
// The lab's PostgreSQL superuser (docs/LAB.md); pg_hba allows it over scram-sha-256 on 127.0.0.1.
const PG_AUTH = {
  PGUSER: "postgres",
  PGPASSWORD: "lab-postgres",
  PGDATABASE: "postgres",
  PGCONNECT_TIMEOUT: "3",
};
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let dir: string;

/** One value from psql through 127.0.0.1:port, or null when the connection fails. */
function psql(port: number, sql: string): string | null {
  const res = spawnSync("psql", ["-X", "-At", "-h", "127.0.0.1", "-p", String(port), "-c", sql], {
    env: { ...process.env, ...PG_AUTH },
    encoding: "utf8",
    timeout: 10_000,
  });
  return res.status === 0 ? res.stdout.trim() : null;
}

function startHaproxy(cfg: string): ChildProcess {
  const file = join(dir, "haproxy.cfg");
  writeFileSync(file, cfg);
  const check = spawnSync("haproxy", ["-c", "-f", file], { encoding: "utf8" });
  assert.equal(check.status, 0, `haproxy -c: ${check.stdout}${check.stderr}`);
  return spawn("haproxy", ["-f", file, "-db"], { stdio: ["ignore", "ignore", "pipe"] });
}

async function stopHaproxy(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

const pgPortOf = (d: ClusterDetail, name: string) => d.members.find((m) => m.name === name)!.port;

/** HAProxy's own verdicts from its stats page (CSV): listener → the servers it has UP. */
async function haproxyUp(statsPort: number): Promise<Record<string, string[]>> {
  const res = await getJson(`http://127.0.0.1:${statsPort}/;csv`);
  const [header, ...rows] = String(res.body).trim().split("\n");
  const columns = header!.replace(/^# /, "").split(",");
  const at = (name: string) => columns.indexOf(name);
  const up: Record<string, string[]> = {};
  for (const row of rows.map((r) => r.split(","))) {
    const [proxy, server, status] = [row[at("pxname")]!, row[at("svname")]!, row[at("status")]!];
    if (server === "FRONTEND" || server === "BACKEND" || proxy === "stats") continue;
    up[proxy] ??= [];
    if (status === "UP") up[proxy].push(server);
  }
  return up;
}

/** The dashboard's prediction in the same shape: listener → members UP. */
const predicted = (d: ClusterDetail) =>
  Object.fromEntries(d.routing.map((r) => [r.listener, [...r.up].sort()]));

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  dir = mkdtempSync(join(tmpdir(), "pd-haproxy-"));
  dashboard = await startDashboard({
    DASHBOARD_CONFIG: writeDashboardConfig(NAME, cluster.urls(), { poll: 1, probe: 2 }),
  });
});
after(() => dashboard?.close());

describe("the generated haproxy.cfg in real HAProxy", () => {
  test("the endpoint's file is a valid HAProxy configuration", async () => {
    const res = await getHaproxy(new Request("http://x"), { params: Promise.resolve({ name: NAME }) });
    const file = join(dir, "downloaded.cfg");
    writeFileSync(file, await res.text());
    const check = spawnSync("haproxy", ["-c", "-f", file], { encoding: "utf8" });
    assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
  });

  test("primary port → the leader, replica port → a replica; after a switchover → the new leader", async () => {
    const { value: d } = await waitFor(
      "three members with addresses",
      async () => {
        const d = await apiCluster(NAME);
        return d.leader && d.members.filter((m) => m.inDcs && m.host && m.port).length === 3 ? d : null;
      },
      15_000,
    );
    const [primary, replicas, readWrite, readOnly, stats] = await freePorts(5);
    const { usable } = haproxyMembers(d.members);
    const cfg = generateHaproxyCfg(usable, {
      clusterName: NAME,
      bind: "127.0.0.1",
      ports: { primary, replicas, read_write: readWrite, read_only: readOnly },
      // fast enough for a test: a role change is seen within about three seconds
      inter: "1s",
      fall: 2,
      rise: 1,
      stats: { bind: "127.0.0.1", port: stats! },
    });
    const haproxy = startHaproxy(cfg);
    let stderr = "";
    haproxy.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      // NOTE: HAProxy 2.6 starts every server UP and needs `fall` failed checks to take one out, so
      // wait until its checks agree with the dashboard's routing prediction before connecting.
      const settle = (what: string, leader: string) =>
        waitFor(
          what,
          async () => {
            const [real, detail] = [await haproxyUp(stats!), await apiCluster(NAME)];
            const mine = predicted(detail);
            const sorted = Object.fromEntries(Object.entries(real).map(([k, v]) => [k, v.sort()]));
            return detail.leader === leader &&
              mine.primary?.join() === leader &&
              JSON.stringify(sorted) === JSON.stringify(mine)
              ? sorted
              : null;
          },
          20_000,
          250,
        ).catch((err: Error) => assert.fail(`${err.message}\n${stderr}`));
      const settled = await settle("HAProxy's checks to match the dashboard's routing", d.leader!);
      assert.deepEqual(settled.value.read_write, [d.leader]);
      assert.equal(settled.value.read_only!.length, 3);

      const leaderPort = pgPortOf(d, d.leader!);
      assert.equal(psql(primary!, "SELECT pg_is_in_recovery(), inet_server_port()"), `f|${leaderPort}`);
      assert.equal(psql(readWrite!, "SELECT pg_is_in_recovery(), inet_server_port()"), `f|${leaderPort}`);
      for (let i = 0; i < 3; i++) {
        const [inRecovery, port] = (
          psql(replicas!, "SELECT pg_is_in_recovery(), inet_server_port()") ?? ""
        ).split("|");
        assert.equal(inRecovery, "t");
        assert.notEqual(Number(port), leaderPort);
      }
      assert.ok(["t", "f"].includes(psql(readOnly!, "SELECT pg_is_in_recovery()") ?? ""));

      const candidate = d.members.find((m) => m.role === "sync_standby")!.name;
      cluster.run("switchover", candidate);
      const newPort = pgPortOf(d, candidate);
      const moved = await waitFor(
        "the primary port to follow the new leader",
        async () => psql(primary!, "SELECT pg_is_in_recovery(), inet_server_port()") === `f|${newPort}`,
        20_000,
        250,
      );
      assert.ok(moved.ms < 10_000, `took ${moved.ms} ms`);
      await settle("HAProxy and the dashboard to agree after the switchover", candidate);
    } finally {
      await stopHaproxy(haproxy);
      cluster.run("wait-healthy", "120");
    }
  });
});
