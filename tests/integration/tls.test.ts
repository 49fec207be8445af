import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getJson, lab, waitFor } from "../support/lab";
import { apiCluster, startDashboard } from "../support/in-process";

// A second real lab with the REST API on HTTPS (self-signed CA) and basic auth, on its own ports.

const tlsLab = lab("tls");
let urls: string[];
let configDir: string;

function writeConfig(name: string, withCa: boolean): string {
  const file = join(configDir, `${name}.yml`);
  const lines = [
    "clusters:",
    `  - name: ${name}`,
    `    nodes: [${urls.join(", ")}]`,
    "    restapi:",
    "      authentication: { username: admin, password_env: TLS_LAB_PASSWORD }",
    ...(withCa ? ["    ctl:", `      cacert: ${join(tlsLab.dir, "tls", "ca.crt")}`] : []),
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

before(() => {
  tlsLab.run("up");
  tlsLab.run("wait-healthy", "120");
  urls = tlsLab.urls();
  configDir = mkdtempSync(join(tmpdir(), "pd-tls-config-"));
});
after(() => tlsLab.run("down", "--purge"));

describe("REST API over HTTPS with basic auth (real Patroni)", () => {
  test("the lab really serves HTTPS with its own CA", async () => {
    assert.ok(
      urls.every((u) => u.startsWith("https://127.0.0.1:")),
      urls.join(" "),
    );
    const res = await getJson(`${urls[0]}/patroni`, readFileSync(join(tlsLab.dir, "tls", "ca.crt")));
    assert.equal(res.status, 200);
  });

  test("polling works given the CA and the credentials", async () => {
    const dashboard = await startDashboard({
      DASHBOARD_CONFIG: writeConfig("secure", true),
      TLS_LAB_PASSWORD: "s3cret",
    });
    try {
      const { value } = await waitFor(
        "all three members reachable",
        async () => {
          const d = await apiCluster("secure");
          return d.members.length === 3 && d.members.every((m) => m.reachable === true) ? d : null;
        },
        15_000,
      );
      assert.ok(value.leader);
      const text = JSON.stringify(value);
      assert.ok(!text.includes("s3cret"), "the password never appears in an API response");
      assert.ok(!text.includes("BEGIN CERTIFICATE"));
    } finally {
      dashboard.close();
    }
  });

  test("without the CA every node shows a clear TLS error", async () => {
    const dashboard = await startDashboard({
      DASHBOARD_CONFIG: writeConfig("no-ca", false),
      TLS_LAB_PASSWORD: "s3cret",
    });
    try {
      const d = await apiCluster("no-ca");
      assert.equal(d.leader, null);
      assert.equal(d.orphanNodes.length, 3, "nothing answered, so no node could be named");
      for (const node of d.orphanNodes) {
        assert.equal(node.reachable, false);
        assert.equal(node.lastError?.kind, "tls");
        assert.match(node.lastError!.message, /\/patroni: TLS failed: .*(self[- ]signed|certificate)/i);
      }
      assert.equal(d.tone, "crit");
    } finally {
      dashboard.close();
    }
  });
});
