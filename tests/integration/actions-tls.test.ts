import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { apiCluster } from "../support/in-process";
import { lab, waitFor } from "../support/lab";
import { startActionsDashboard } from "../support/actions-dashboard";

// Patroni with REST authentication over HTTPS (the lab's TLS+auth mode): an action carries the
// cluster's credentials and succeeds; configured without them, Patroni's own 401 is what comes back.

const tlsLab = lab("tls");
let urls: string[];

before(() => {
  tlsLab.run("up");
  tlsLab.run("wait-healthy", "120");
  urls = tlsLab.urls();
});
after(() => tlsLab.run("down", "--purge"));

const cluster = (name: string, withAuth: boolean) => [
  `  - name: ${name}`,
  `    nodes: [${urls.join(", ")}]`,
  ...(withAuth
    ? ["    restapi:", "      authentication: { username: admin, password_env: TLS_LAB_PASSWORD }"]
    : []),
  "    ctl:",
  `      cacert: ${join(tlsLab.dir, "tls", "ca.crt")}`,
];

describe("actions on Patroni with REST authentication (real lab, HTTPS)", () => {
  test("with the credentials: pause and resume succeed, the password is in no answer", async () => {
    const dashboard = await startActionsDashboard(cluster("secure", true), { TLS_LAB_PASSWORD: "s3cret" });
    try {
      await waitFor("members seen", async () => (await apiCluster("secure")).members.length === 3, 60_000);
      const paused = await dashboard.act("secure", { action: "pause" });
      assert.equal(paused.status, 200, paused.text);
      assert.ok(!paused.text.includes("s3cret"));
      await waitFor("paused", async () => (await apiCluster("secure")).paused, 30_000);
      const resumed = await dashboard.act("secure", { action: "resume" });
      assert.equal(resumed.status, 200, resumed.text);
      await waitFor("resumed", async () => !(await apiCluster("secure")).paused, 30_000);
      assert.ok(!JSON.stringify(await dashboard.audit()).includes("s3cret"));
    } finally {
      await dashboard.close();
    }
  });

  test("without them: Patroni's 401 is shown as such and audited", async () => {
    const dashboard = await startActionsDashboard(cluster("bare", false));
    try {
      await waitFor("members seen", async () => (await apiCluster("bare")).members.length === 3, 60_000);
      const res = await dashboard.act("bare", { action: "pause" });
      assert.equal(res.status, 502, res.text);
      const patroni = res.body.patroni as { status: number; text: string };
      assert.equal(patroni.status, 401);
      const attempt = (await dashboard.audit()).find((e) => e.kind === "action");
      assert.equal(attempt?.outcome, "patroni_refused");
      assert.equal(attempt?.patroniStatus, 401);
      assert.equal((await apiCluster("bare")).paused, false, "nothing changed");
    } finally {
      await dashboard.close();
    }
  });
});
