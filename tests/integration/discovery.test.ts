import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lab, waitFor } from "../support/lab";
import { apiCluster, startDashboard } from "../support/in-process";

// Discovery from one URL against a REAL 3-node Patroni cluster: configured with only the first node,
// the dashboard polls every member the DCS lists through its api_url (the other two answer, and are
// probed), and with `discover: false` it polls only the node it was given.

const INTERVAL = 5000;
const cluster = lab("plain");
let urls: string[];
const scratch = mkdtempSync(join(tmpdir(), "discovery-"));

before(() => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  assert.equal(urls.length, 3);
});
after(() => rmSync(scratch, { recursive: true, force: true }));

describe("discovery on a real cluster", () => {
  test("one configured URL: every member is polled and probed within two intervals", async () => {
    const dashboard = await startDashboard({ PATRONI_NODES: urls[0]!, DATA_DIR: join(scratch, "one") });
    try {
      const startedAt = Date.now();
      await waitFor(
        "all three members polled and probed",
        async () => {
          const detail = await apiCluster("demo");
          const polled = detail.members.filter((m) => m.reachable === true && m.observedAt !== null);
          const probed = detail.endpoints.nodes.filter((n) => n.member !== null && n.probedAt !== null);
          return polled.length === 3 && probed.length === 3;
        },
        2 * INTERVAL + 5000,
      );
      const detail = await apiCluster("demo");
      // Each member's own /patroni was read (not only what the DCS says about it): its version and
      // the poll's timestamp come from its own answer, after the dashboard started.
      for (const m of detail.members) {
        assert.ok(m.observedAt! >= startedAt, `${m.name} observed by this dashboard`);
        assert.ok(m.patroniVersion, `${m.name} reports its version from its own /patroni`);
      }
      // The probes went to each member's own REST URL, the ones the lab listens on.
      assert.deepEqual(detail.endpoints.nodes.map((n) => n.apiUrl).sort(), [...urls].sort());
      assert.equal(detail.orphanNodes.length, 0);
    } finally {
      dashboard.close();
    }
  });

  test("`discover: false`: the other members are listed from the DCS but never polled", async () => {
    const file = join(scratch, "dashboard.yaml");
    writeFileSync(file, `clusters:\n  - name: lab\n    discover: false\n    nodes: ["${urls[0]}"]\n`);
    const dashboard = await startDashboard({ DASHBOARD_CONFIG: file, DATA_DIR: join(scratch, "off") });
    try {
      await new Promise((resolve) => setTimeout(resolve, 2 * INTERVAL + 1000));
      const detail = await apiCluster("lab");
      assert.equal(detail.members.length, 3, "the DCS still lists all three");
      const polled = detail.members.filter((m) => m.observedAt !== null);
      assert.equal(polled.length, 1, JSON.stringify(detail.members.map((m) => [m.name, m.observedAt])));
      assert.equal(detail.endpoints.nodes.length, 1, "only the configured node is probed");
      assert.equal(detail.endpoints.nodes[0]!.apiUrl, urls[0]);
    } finally {
      dashboard.close();
    }
  });
});
