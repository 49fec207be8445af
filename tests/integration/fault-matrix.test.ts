import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { startApp } from "../support/app-server";
import { FAULTS, faultConfig, startFault, type FaultNode } from "../support/fault-nodes";
import { apiCluster, startDashboard } from "../support/in-process";
import { lab, waitFor } from "../support/lab";

// The fault matrix: the REAL 3-node lab plus a fourth configured node that is, in turn, each kind of
// broken or hostile (real sockets on 127.0.0.1). For each: the dashboard stays up, exactly that node is
// marked with a reason a person understands, and the three real members stay fresh (observed within
// two intervals). One lab for the whole file; a 1 s poll interval keeps it fast.

const POLL_S = 1;
const TIMEOUT_S = 0.8;
const INTERVAL = POLL_S * 1000;
const cluster = lab("plain");
let urls: string[];

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  assert.equal(urls.length, 3);
});

/** Checks one view of the cluster; returns a description of what is wrong, or null when all holds. */
function verdict(detail: ClusterDetail, fault: FaultNode, now: number): string | null {
  const real = detail.members.filter((m) => urls.includes(m.apiUrl ?? ""));
  if (real.length !== 3) return `${real.length} real members`;
  for (const m of real) {
    if (m.reachable !== true || m.lastError !== null) return `${m.name} marked: ${m.lastError?.message}`;
    if (m.observedAt === null || now - m.observedAt > 2 * INTERVAL) return `${m.name} stale`;
  }
  if (detail.orphanNodes.length !== 1) return `${detail.orphanNodes.length} unmatched nodes`;
  const node = detail.orphanNodes[0]!;
  if (node.apiUrl !== fault.url) return `unexpected node ${node.apiUrl}`;
  if (node.reachable !== false || !node.lastError) return "the faulty node is not marked";
  if (node.lastError.kind !== fault.kind) return `kind ${node.lastError.kind}: ${node.lastError.message}`;
  if (!fault.reason.test(node.lastError.message)) return `reason: ${node.lastError.message}`;
  if (!node.lastError.message.startsWith(`${fault.url}/`))
    return `does not name the node: ${node.lastError.message}`;
  return null;
}

describe("a fourth node that misbehaves, in turn, beside the real lab", () => {
  for (const spec of FAULTS) {
    test(spec.name, { timeout: 60_000 }, async () => {
      const fault = await startFault(spec);
      let dashboard: Awaited<ReturnType<typeof startDashboard>> | null = null;
      try {
        // Start-up itself must survive the node (regression: deep nesting made `next start` exit 1).
        dashboard = await startDashboard({ DASHBOARD_CONFIG: faultConfig(urls, [fault], POLL_S, TIMEOUT_S) });
        let last = "";
        await waitFor(
          `${spec.name}: the node marked and the lab fresh`,
          async () => {
            last = verdict(await apiCluster("lab"), fault, Date.now()) ?? "";
            return last === "";
          },
          8 * INTERVAL,
          200,
        ).catch((err: Error) => {
          throw new Error(`${err.message} (last: ${last})`);
        });
        // And it holds: over the next three intervals every view is right and cycles keep completing.
        const cycles = dashboard.poller.cycles;
        for (let i = 0; i < 6; i++) {
          await new Promise((resolve) => setTimeout(resolve, INTERVAL / 2));
          const problem = verdict(await apiCluster("lab"), fault, Date.now());
          assert.equal(problem, null, `${spec.name}: ${problem}`);
        }
        assert.ok(dashboard.poller.isRunning);
        assert.ok(dashboard.poller.cycles >= cycles + 2, `cycles ${cycles} → ${dashboard.poller.cycles}`);
      } finally {
        dashboard?.close();
        await fault.close();
      }
    });
  }
});

describe("every fault at once, through `next start`", () => {
  const faults: FaultNode[] = [];
  after(async () => {
    await Promise.all(faults.map((f) => f.close()));
  });

  test(
    "the server starts, stays healthy, and marks exactly the 13 bad nodes",
    { timeout: 120_000 },
    async () => {
      // Only one TLS fault carries `ctl:` (a cluster has one), so it is the last one's YAML that counts.
      for (const spec of FAULTS) faults.push(await startFault(spec));
      const app = await startApp({
        DASHBOARD_CONFIG: faultConfig(urls, faults, POLL_S, TIMEOUT_S),
        DATA_DIR: `${process.env.TEST_LAB_DIR ?? "/tmp"}-fault-data`,
      });
      try {
        const ok = await waitFor(
          "every bad node marked, the lab fresh",
          async () => {
            const res = await fetch(`${app.url}/api/clusters/lab`);
            if (res.status !== 200) return null;
            const d = (await res.json()) as ClusterDetail;
            const now = Date.now();
            const real = d.members.filter((m) => urls.includes(m.apiUrl ?? ""));
            const fresh = real.every(
              (m) => m.reachable === true && now - (m.observedAt ?? 0) <= 2 * INTERVAL,
            );
            const marked = d.orphanNodes.filter((n) => n.reachable === false && n.lastError);
            return real.length === 3 && fresh && marked.length === faults.length ? d : null;
          },
          20 * INTERVAL,
          250,
        );
        for (const fault of faults) {
          const node = ok.value.orphanNodes.find((n) => n.apiUrl === fault.url)!;
          assert.equal(node.lastError!.kind, fault.kind, `${fault.name}: ${node.lastError!.message}`);
        }
        const health = await fetch(`${app.url}/api/healthz`);
        assert.equal(health.status, 200);
        assert.equal(((await health.json()) as { status: string }).status, "ok");
      } finally {
        await app.stop();
      }
    },
  );
});
