import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig } from "@/lib/server/config/load";
import { describeStorage } from "@/lib/server/storage/open";

// The storage block of the YAML file and DATA_DIR: defaults, a PostgreSQL URL from the file or from a
// variable, and errors that name the field (and never echo the password).

const root = mkdtempSync(join(tmpdir(), "pd-config-storage-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function load(yaml: string, env: Record<string, string> = {}) {
  const file = join(root, `c${++n}.yml`);
  writeFileSync(file, `clusters:\n  - nodes: [http://127.0.0.1:8008]\n${yaml}`);
  return loadConfig({ DASHBOARD_CONFIG: file, ...env }, root);
}

describe("storage configuration", () => {
  test("defaults: SQLite in ./data, 90 d of events, 1 h raw lag, 7 d rollups, 1 GiB", () => {
    const { storage } = load("");
    assert.deepEqual(storage, {
      url: null,
      dataDir: resolve("data"),
      retention: {
        eventsMs: 90 * 86_400_000,
        rawLagMs: 3_600_000,
        rollupMs: 7 * 86_400_000,
        maxBytes: 1024 ** 3,
      },
    });
    assert.equal(load("", { DATA_DIR: "/var/lib/pd" }).storage?.dataDir, "/var/lib/pd");
  });

  test("a postgres URL from the file or from url_env; the description hides the password", () => {
    const url = "postgres://dash:pw-123@db.example:5433/hist";
    const fromFile = load(`storage:\n  url: ${url}\n  retention:\n    lag_rollup_days: 14\n`).storage!;
    assert.equal(fromFile.url, url);
    assert.equal(fromFile.retention.rollupMs, 14 * 86_400_000);
    assert.equal(load("storage:\n  url_env: HIST_URL\n", { HIST_URL: url }).storage?.url, url);
    assert.equal(describeStorage(fromFile), "PostgreSQL at db.example:5433/hist");
    assert.doesNotMatch(describeStorage(fromFile), /pw-123/);
  });

  test("errors name the field", () => {
    assert.throws(
      () => load("storage:\n  url: mysql://x/y\n"),
      (err: Error) => {
        assert.ok(err instanceof ConfigError);
        assert.match(err.message, /storage\.url: must be a postgres:\/\/ URL/);
        return true;
      },
    );
    assert.throws(
      () => load("storage:\n  url_env: NOPE\n"),
      /storage\.url_env: environment variable NOPE is not set/,
    );
    assert.throws(
      () => load("storage:\n  retention:\n    events_days: -1\n"),
      /storage\.retention\.events_days/,
    );
    assert.throws(() => load("storage:\n  path: /x\n"), /storage: Unrecognized key/i);
  });
});
