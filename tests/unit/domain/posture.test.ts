import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ALERT_RULES } from "@/lib/domain/alert-codes";
import { alertCandidates } from "@/lib/domain/alerts";
import type { Certificate, NodePosture } from "@/lib/domain/contracts-posture";
import { CERT_EXPIRY_WARNING_DAYS, certificateFindings, daysToExpiry } from "@/lib/domain/posture";
import { summarise } from "@/lib/domain/summary";
import { alertWords } from "@/lib/i18n/diagnostic-labels";
import { createT } from "@/lib/i18n";
import { detail, NOW } from "../../support/rule-detail";

// The Lab 4 posture rules at their boundaries: 14 days before expiry, expiry itself, and a
// certificate that does not name the host the dashboard connects to.

const DAY = 86_400_000;

function cert(overrides: Partial<Certificate> = {}): Certificate {
  return {
    subject: "CN=localhost",
    subjectAltNames: ["IP Address:127.0.0.1", "DNS:localhost"],
    issuer: "CN=patroni-lab CA (demo)",
    validFrom: NOW - 100 * DAY,
    validTo: NOW + 400 * DAY,
    serialNumber: "01",
    fingerprint256: "AA:BB",
    hostnameMatches: true,
    hostnameError: null,
    trusted: true,
    trustError: null,
    ...overrides,
  };
}

function node(
  name: string,
  certificate: Certificate | null,
  overrides: Partial<NodePosture> = {},
): NodePosture {
  return {
    member: name,
    apiUrl: `https://127.0.0.1:8008/${name}`,
    scheme: "https",
    host: "127.0.0.1",
    restAuth: true,
    reading: certificate ? { readAt: NOW - 1000, certificate, error: null } : null,
    ...overrides,
  };
}

const withPosture = (...nodes: NodePosture[]) =>
  detail({ tlsPosture: { expiryWarningDays: CERT_EXPIRY_WARNING_DAYS, nodes } });

const codes = (nodes: NodePosture[]) =>
  alertCandidates(withPosture(...nodes), NOW).map((a) => [a.code, a.member, a.severity]);

describe("certificate expiry and host name", () => {
  test("daysToExpiry counts whole days and goes negative once expired", () => {
    assert.equal(daysToExpiry(NOW + 14 * DAY, NOW), 14);
    assert.equal(daysToExpiry(NOW + 14 * DAY - 1, NOW), 13);
    assert.equal(daysToExpiry(NOW + 1, NOW), 0);
    assert.equal(daysToExpiry(NOW - 1, NOW), -1);
    assert.equal(daysToExpiry(NOW - 3 * DAY, NOW), -3);
  });

  test("flagged from exactly 14 days before expiry, not a millisecond earlier", () => {
    assert.equal(CERT_EXPIRY_WARNING_DAYS, 14);
    const at = (validTo: number) =>
      certificateFindings({ host: "127.0.0.1", certificate: cert({ validTo }) }, NOW);
    assert.deepEqual(at(NOW + 14 * DAY + 1), []);
    assert.deepEqual(at(NOW + 14 * DAY), [{ kind: "expiring", daysLeft: 14, validTo: NOW + 14 * DAY }]);
    assert.deepEqual(
      at(NOW + 1).map((f) => f.kind),
      ["expiring"],
    );
    assert.deepEqual(
      at(NOW).map((f) => f.kind),
      ["expired"],
      "not valid at its validTo",
    );
    assert.deepEqual(at(NOW - 5 * DAY), [{ kind: "expired", daysLeft: -5, validTo: NOW - 5 * DAY }]);
  });

  test("a host-name mismatch is a finding of its own; http and unread nodes have none", () => {
    const wrong = cert({ hostnameMatches: false, subjectAltNames: ["DNS:pg1.example"] });
    assert.deepEqual(certificateFindings({ host: "127.0.0.1", certificate: wrong }, NOW), [
      { kind: "hostname_mismatch", host: "127.0.0.1", subjectAltNames: ["DNS:pg1.example"] },
    ]);
    assert.deepEqual(certificateFindings({ host: "127.0.0.1", certificate: null }, NOW), []);
  });
});

describe("posture alerts", () => {
  test("none for valid certificates, http nodes and nodes not read yet", () => {
    assert.deepEqual(
      codes([
        node("node1", cert()),
        node("node2", null),
        node("node3", null, { scheme: "http", apiUrl: "http://127.0.0.1:8010", reading: null }),
      ]),
      [],
    );
  });

  test("expiring is a warning, expired is critical, a mismatch a warning; each names its node", () => {
    assert.equal(ALERT_RULES.tls_cert_expiring.severity, "warning");
    const d = withPosture(
      node("node1", cert({ validTo: NOW + 10 * DAY })),
      node("node2", cert({ validTo: NOW - 2 * DAY })),
      node("node3", cert({ hostnameMatches: false, subjectAltNames: ["DNS:pg1.example"] })),
    );
    const alerts = alertCandidates(d, NOW);
    assert.deepEqual(
      alerts.map((a) => [a.code, a.member, a.severity]),
      [
        ["tls_cert_expiring", "node1", "warning"],
        ["tls_cert_expiring", "node2", "critical"],
        ["tls_hostname_mismatch", "node3", "warning"],
      ],
    );
    assert.equal(alerts[0]!.params.daysLeft, 10);
    assert.equal(alerts[1]!.params.expired, true);
    assert.equal(alerts[2]!.params.names, "DNS:pg1.example");
    // An expired certificate turns the cluster red.
    assert.equal(summarise(d, 3, NOW).tone, "crit");
  });

  test("the alerts read in English and Vietnamese with the days and the host", () => {
    const d = withPosture(
      node("node1", cert({ validTo: NOW + 10 * DAY })),
      node("node2", cert({ validTo: NOW - 2 * DAY })),
      node("node3", cert({ hostnameMatches: false, subjectAltNames: ["DNS:pg1.example"] })),
    );
    const [expiring, expired, mismatch] = alertCandidates(d, NOW);
    const en = createT("en");
    const vi = createT("vi");
    assert.match(alertWords(en, "en", expiring!).explanation, /node1 expires in 10 days/);
    assert.match(alertWords(en, "en", expired!).explanation, /node2 expired 2 days ago/);
    assert.match(alertWords(en, "en", mismatch!).explanation, /does not name 127\.0\.0\.1.*DNS:pg1\.example/);
    assert.match(alertWords(vi, "vi", expiring!).explanation, /node1 hết hạn sau 10 ngày/);
    assert.match(alertWords(vi, "vi", expired!).explanation, /đã hết hạn 2 ngày trước/);
    assert.match(alertWords(vi, "vi", mismatch!).title, /không khớp host/);
  });
});
