import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { describeChange, diffConfig, redactSecrets, REDACTED } from "@/lib/domain/config-diff";
import { formatServerVersion, parseVersion, versionAtLeast } from "@/lib/domain/version";
import { body } from "../../support/fixtures";

describe("config diff", () => {
  test("the real 3.0.2 edit-config: exactly max_connections 100 → 110", () => {
    const before = body("patroni-3.0.2", "a-healthy", "node1", "config") as Record<string, unknown>;
    const after = body("patroni-3.0.2", "g-pending-restart", "node1", "config") as Record<string, unknown>;
    const changes = diffConfig(before, after);
    assert.deepEqual(changes, [
      {
        key: "postgresql.parameters.max_connections",
        path: ["postgresql", "parameters", "max_connections"],
        kind: "changed",
        oldValue: 100,
        newValue: 110,
      },
    ]);
    assert.equal(describeChange(changes[0]!), "max_connections 100 → 110");
    assert.deepEqual(diffConfig(before, structuredClone(before)), []);
  });

  test("pause on and off; synchronous_mode true → quorum; arrays are leaves", () => {
    const changes = diffConfig(
      { synchronous_mode: true, postgresql: { pg_hba: ["local all all trust"] } },
      {
        synchronous_mode: "quorum",
        pause: true,
        postgresql: { pg_hba: ["local all all trust", "host all all 10.0.0.0/8 scram-sha-256"] },
      },
    );
    assert.deepEqual(
      changes.map((c) => [c.key, c.kind, c.oldValue, c.newValue]),
      [
        ["pause", "added", null, true],
        [
          "postgresql.pg_hba",
          "changed",
          ["local all all trust"],
          ["local all all trust", "host all all 10.0.0.0/8 scram-sha-256"],
        ],
        ["synchronous_mode", "changed", true, "quorum"],
      ],
    );
    assert.deepEqual(
      diffConfig({ pause: true }, {}).map((c) => [c.kind, c.oldValue, c.newValue]),
      [["removed", true, null]],
    );
  });

  test("secrets never pass: passwords, tokens, conninfo; password_encryption is a setting", () => {
    const raw = {
      standby_cluster: { primary_conninfo: "host=a password=x" },
      postgresql: {
        parameters: { password_encryption: "scram-sha-256" },
        authentication: { superuser: { password: "p" } },
      },
    };
    assert.deepEqual(redactSecrets(raw), {
      standby_cluster: { primary_conninfo: REDACTED },
      postgresql: {
        parameters: { password_encryption: "scram-sha-256" },
        authentication: { superuser: { password: REDACTED } },
      },
    });
    const changes = diffConfig({ x: { api_token: "a" } }, { x: { api_token: "b" } });
    assert.deepEqual(
      changes.map((c) => [c.oldValue, c.newValue]),
      [[REDACTED, REDACTED]],
    );
    assert.ok(!JSON.stringify(diffConfig({}, raw)).includes("password=x"));
  });
});

describe("versions", () => {
  test("server_version_num as PostgreSQL prints it", () => {
    assert.equal(formatServerVersion(150018), "15.18");
    assert.equal(formatServerVersion(100000), "10.0");
    assert.equal(formatServerVersion(90624), "9.6.24");
    assert.equal(formatServerVersion(null), null);
    assert.equal(formatServerVersion(0), null);
  });
  test("Patroni versions compare numerically", () => {
    assert.deepEqual(parseVersion("4.1.4"), [4, 1, 4]);
    assert.equal(versionAtLeast("4.0.0", "4.0.0"), true);
    assert.equal(versionAtLeast("3.3.11", "4.0.0"), false);
    assert.equal(versionAtLeast("10.0", "4.0.0"), true);
    assert.equal(versionAtLeast("3.0.2", "3.0.4"), false);
    assert.equal(versionAtLeast(null, "1.0.0"), false);
  });
});
