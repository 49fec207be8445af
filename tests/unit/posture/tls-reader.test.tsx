import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { daysToExpiry } from "@/lib/domain/posture";
import { PatroniHttpClient, type NodeTarget } from "@/lib/server/patroni/client";
import { startCertificateReads } from "@/lib/server/posture/posture";
import { readCertificate } from "@/lib/server/posture/tls-reader";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { TlsPosturePanel } from "@/components/cluster/posture/tls-posture";
import { byTestId, render } from "../../support/render";
import { closedPort, listen, type TestServer } from "../../support/servers";
import { waitFor } from "../../support/lab";
import { makeCaSignedCertificate } from "../../support/test-ca";

// The posture reader on a real TLS server (node:https with an openssl-made CA): a certificate for
// the wrong host that expires in 5 days, read with and without the CA; then the whole server side
// (reading → store → view → alerts → panel) on it. No HTTP request is made by the reader.

let dir: string;
let server: TestServer;
let requests = 0;
let ca: Buffer;
let certFile: X509Certificate;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "pd-posture-"));
  const made = makeCaSignedCertificate(dir, {
    caName: "posture-ca",
    serverName: "pg1.example",
    subjectAltName: "DNS:pg1.example,DNS:pg1",
    caDays: 30,
    serverDays: 5,
  });
  ca = made.ca;
  certFile = new X509Certificate(made.cert);
  server = await listen(
    https.createServer({ key: made.key, cert: made.cert }, (_req, res) => {
      requests += 1;
      res.end("{}");
    }),
  );
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const target = (over: Partial<NodeTarget> = {}): NodeTarget => ({
  url: server.url,
  auth: { username: "admin", password: "s3cret-posture" },
  tls: { ca, cert: null, key: null, verify: true },
  timeoutMs: 3000,
  maxBodyBytes: 1 << 20,
  ...over,
});

describe("reading a node's certificate", () => {
  test("subject, SANs, issuer and end date as the certificate file says; host mismatch; trust by the CA", async () => {
    const r = await readCertificate(target(), () => 42);
    assert.equal(r.error, null);
    const c = r.certificate!;
    assert.equal(r.readAt, 42);
    assert.equal(c.subject, certFile.subject);
    assert.deepEqual(c.subjectAltNames, ["DNS:pg1.example", "DNS:pg1"]);
    assert.equal(c.issuer, "CN=posture-ca");
    assert.equal(c.validTo, Date.parse(certFile.validTo));
    assert.equal(c.fingerprint256, certFile.fingerprint256);
    assert.equal(c.hostnameMatches, false, "the URL's host is 127.0.0.1, the certificate names pg1.example");
    assert.match(c.hostnameError ?? "", /127\.0\.0\.1/);
    assert.equal(c.trusted, true, "the chain verifies against the configured CA");
    assert.equal(requests, 0, "a handshake only: no HTTP request");
  });

  test("without the CA the same certificate is read, and reported untrusted", async () => {
    const r = await readCertificate(target({ tls: null }), () => 1);
    assert.equal(r.certificate!.trusted, false);
    assert.match(r.certificate!.trustError ?? "", /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable/i);
  });

  test("a node that refuses: an error, no certificate, no throw", async () => {
    const r = await readCertificate(target({ url: `https://127.0.0.1:${await closedPort()}` }), () => 1);
    assert.equal(r.certificate, null);
    assert.match(r.error ?? "", /refused/);
  });
});

describe("posture in the cluster view", () => {
  test("read once per node, then the view carries it, raises both alerts, and never the password", async () => {
    const client = new PatroniHttpClient(target());
    const state = new ClusterState("secure", 0, [client], 10);
    let landed = 0;
    startCertificateReads(state.nodes, Date.now, () => (landed += 1));
    startCertificateReads(state.nodes, Date.now, () => (landed += 1)); // busy: not started twice
    await waitFor("the reading", async () => landed === 1, 5000, 20);
    const now = Date.now();
    const d = buildDetail(state, now, 5000);
    const posture = d.tlsPosture.nodes[0]!;
    assert.equal(posture.scheme, "https");
    assert.equal(posture.restAuth, true);
    assert.equal(posture.reading!.certificate!.validTo, Date.parse(certFile.validTo));
    const days = daysToExpiry(Date.parse(certFile.validTo), now);
    assert.ok(days === 4 || days === 5, `${days} days`);
    // Nothing was polled (no /patroni yet): "no data", and still the certificate's findings.
    assert.ok(d.alerts.some((a) => a.code === "no_data"));
    assert.deepEqual(
      d.alerts.filter((a) => a.code.startsWith("tls_")).map((a) => [a.code, a.params.daysLeft ?? null]),
      [
        ["tls_cert_expiring", days],
        ["tls_hostname_mismatch", null],
      ],
    );
    const body = JSON.stringify(d);
    assert.ok(!body.includes("s3cret-posture") && !body.includes("admin"), "no credentials in the view");
    assert.ok(!body.includes("BEGIN"), "no PEM in the view");
    // A second pass within the re-read interval starts nothing.
    startCertificateReads(state.nodes, Date.now, () => (landed += 1));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(landed, 1);

    for (const locale of ["en", "vi"] as const) {
      const html = render(<TlsPosturePanel posture={d.tlsPosture} nowMs={now} mounted={false} />, locale);
      const [daysBadge] = byTestId(html, "posture-days");
      assert.match(
        daysBadge!.text,
        locale === "en" ? new RegExp(`${days} days left`) : new RegExp(`còn ${days} ngày`),
      );
      assert.match(
        byTestId(html, "posture-host")[0]!.text,
        locale === "en" ? /does not match/ : /không khớp/,
      );
      assert.equal(byTestId(html, "posture-sans")[0]!.text, "DNS:pg1.example, DNS:pg1");
      assert.equal(byTestId(html, "posture-auth")[0]!.attrs["data-auth"], "https");
    }
  });

  test("REST auth over plain http gets the note; http nodes are never dialled for TLS", async () => {
    const plain = new PatroniHttpClient({ ...target(), url: "http://127.0.0.1:1", tls: null });
    const state = new ClusterState("plain", 0, [plain], 10);
    startCertificateReads(state.nodes, Date.now, () => assert.fail("no TLS reading for http"));
    const d = buildDetail(state, Date.now(), 5000);
    assert.deepEqual(
      d.tlsPosture.nodes.map((n) => [n.scheme, n.restAuth, n.reading]),
      [["http", true, null]],
    );
    const html = render(
      <TlsPosturePanel posture={d.tlsPosture} nowMs={d.generatedAt} mounted={false} />,
      "vi",
    );
    const note = byTestId(html, "posture-auth")[0]!;
    assert.equal(note.attrs["data-auth"], "plain");
    assert.match(note.text, /văn bản rõ/);
  });
});
