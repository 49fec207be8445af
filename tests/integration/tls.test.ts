import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { daysToExpiry } from "@/lib/domain/posture";
import { getJson, lab, waitFor } from "../support/lab";
import { apiCluster, startDashboard } from "../support/in-process";
import { listen, type TestServer } from "../support/servers";

// A second real lab with the REST API on HTTPS (self-signed CA) and basic auth, on its own ports.

const tlsLab = lab("tls");
let urls: string[];
let configDir: string;

function writeConfig(name: string, withCa: boolean, nodes = urls): string {
  const file = join(configDir, `${name}.yml`);
  const lines = [
    "clusters:",
    `  - name: ${name}`,
    `    nodes: [${nodes.join(", ")}]`,
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

  test("the posture reads each node's certificate as the lab's certificate file says", async () => {
    const file = new X509Certificate(readFileSync(join(tlsLab.dir, "tls", "server.crt")));
    const dashboard = await startDashboard({
      DASHBOARD_CONFIG: writeConfig("posture", true),
      TLS_LAB_PASSWORD: "s3cret",
    });
    try {
      const { value: d } = await waitFor(
        "a certificate read from every node",
        async () => {
          const d = await apiCluster("posture");
          return d.tlsPosture.nodes.length === 3 && d.tlsPosture.nodes.every((n) => n.reading?.certificate)
            ? d
            : null;
        },
        15_000,
      );
      const validTo = Date.parse(file.validTo);
      for (const node of d.tlsPosture.nodes) {
        const cert = node.reading!.certificate!;
        assert.equal(node.scheme, "https");
        assert.equal(node.restAuth, true);
        assert.equal(cert.validTo, validTo, `${node.apiUrl}: ${file.validTo}`);
        assert.equal(cert.fingerprint256, file.fingerprint256);
        assert.equal(cert.subject, "CN=localhost");
        assert.deepEqual(cert.subjectAltNames, ["IP Address:127.0.0.1", "DNS:localhost"]);
        assert.equal(cert.issuer, file.issuer);
        assert.equal(cert.hostnameMatches, true, "the lab's certificate names 127.0.0.1");
        assert.equal(cert.trusted, true, "verified against the configured lab CA");
      }
      // 825 days from the lab's creation: far from the 14-day warning, so no posture alert.
      const days = daysToExpiry(validTo, d.generatedAt);
      assert.ok(days > 800 && days <= 825, `${days} days`);
      assert.deepEqual(
        d.alerts.filter((a) => a.code.startsWith("tls_")),
        [],
      );
      const text = JSON.stringify(d);
      assert.ok(!text.includes("s3cret") && !text.includes("BEGIN"), "no password and no PEM in the API");
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
      // The posture still reads the certificate the poller refused, and says why it was refused.
      const { value: posture } = await waitFor(
        "the refused certificates read",
        async () => {
          const nodes = (await apiCluster("no-ca")).tlsPosture.nodes;
          return nodes.length === 3 && nodes.every((n) => n.reading?.certificate) ? nodes : null;
        },
        15_000,
      );
      for (const node of posture) {
        assert.equal(node.reading!.certificate!.trusted, false);
        assert.match(node.reading!.certificate!.trustError ?? "", /SIGNED|VERIFY|ISSUER/);
      }
    } finally {
      dashboard.close();
    }
  });
});

// Patroni 3.0.2 asks for the credentials only on unsafe methods, so the dashboard's GETs succeed on the
// lab whether or not it sends them. To see them sent, the dashboard polls through a guard: a real HTTPS
// listener (the lab's own certificate, so the same CA verifies it) that answers 401 to any request
// without the right Authorization header and passes the others on to a real node.
describe("credentials are sent (through a listener that requires them)", () => {
  const EXPECTED = `Basic ${Buffer.from("admin:s3cret").toString("base64")}`;
  const seen: { authorization: string | undefined; status: number }[] = [];
  let guard: TestServer;

  before(async () => {
    const tls = join(tlsLab.dir, "tls");
    const ca = readFileSync(join(tls, "ca.crt"));
    const upstream = new URL(urls[0]!);
    guard = await listen(
      https.createServer(
        { key: readFileSync(join(tls, "server.key")), cert: readFileSync(join(tls, "server.crt")) },
        (req, res) => {
          const authorization = req.headers.authorization;
          if (authorization !== EXPECTED) {
            seen.push({ authorization, status: 401 });
            res.writeHead(401, { "WWW-Authenticate": 'Basic realm="guard"' });
            res.end();
            return;
          }
          const forward = https.get(
            { host: upstream.hostname, port: upstream.port, path: req.url, ca, timeout: 5000 },
            (answer) => {
              seen.push({ authorization, status: answer.statusCode ?? 0 });
              res.writeHead(answer.statusCode ?? 502, { "Content-Type": "application/json" });
              answer.pipe(res);
            },
          );
          forward.on("error", () => {
            res.writeHead(502);
            res.end();
          });
        },
      ),
    );
  });
  after(() => guard?.close());

  test("the configured credentials reach the node on every request; the guard lets them through", async () => {
    seen.length = 0;
    const dashboard = await startDashboard({
      DASHBOARD_CONFIG: writeConfig("guarded", true, [guard.url]),
      TLS_LAB_PASSWORD: "s3cret",
    });
    try {
      await waitFor(
        "a leader seen through the guard",
        async () => ((await apiCluster("guarded")).leader ? true : null),
        15_000,
      );
      assert.ok(seen.length > 0, "the dashboard polled the guard");
      assert.deepEqual(
        seen.filter((s) => s.authorization !== EXPECTED),
        [],
        "every request carried the configured credentials",
      );
      assert.ok(
        seen.some((s) => s.status === 200),
        JSON.stringify(seen),
      );
    } finally {
      dashboard.close();
    }
  });

  test("a wrong password is sent as configured, refused, and shown as the node's error", async () => {
    seen.length = 0;
    const dashboard = await startDashboard({
      DASHBOARD_CONFIG: writeConfig("wrong-password", true, [guard.url]),
      TLS_LAB_PASSWORD: "not-the-password",
    });
    try {
      const d = await apiCluster("wrong-password");
      assert.ok(seen.length > 0, "the dashboard polled the guard");
      const wrong = `Basic ${Buffer.from("admin:not-the-password").toString("base64")}`;
      assert.ok(
        seen.every((s) => s.authorization === wrong && s.status === 401),
        JSON.stringify(seen),
      );
      const text = JSON.stringify(d);
      assert.match(text, /401/, "the refusal is shown");
      assert.ok(!text.includes("not-the-password"), "the password never appears in an API response");
    } finally {
      dashboard.close();
    }
  });
});
