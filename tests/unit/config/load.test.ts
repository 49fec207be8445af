import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { configFileSchema } from "@/lib/server/config/schema";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "@/lib/server/config/load";

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pd-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail("expected a ConfigError");
}

describe("loadConfig", () => {
  test("nothing configured: the built-in demo with the defaults", () => {
    const config = loadConfig({}, dirWith({}));
    assert.equal(config.source, "demo");
    assert.equal(config.pollIntervalMs, 5000);
    assert.equal(config.requestTimeoutMs, 2500);
    assert.deepEqual(config.clusters, []);
  });

  test("PATRONI_NODES is one cluster named later by its scope", () => {
    const config = loadConfig(
      { PATRONI_NODES: "http://127.0.0.1:8008, http://127.0.0.1:8009,http://127.0.0.1:8010/" },
      dirWith({}),
    );
    assert.equal(config.source, "env");
    assert.equal(config.clusters.length, 1);
    assert.equal(config.clusters[0]!.name, null);
    assert.deepEqual(
      config.clusters[0]!.nodes.map((n) => n.url),
      ["http://127.0.0.1:8008", "http://127.0.0.1:8009", "http://127.0.0.1:8010"],
    );
  });

  test("the shipped example file is valid (its CA file exists only on a real host)", () => {
    const parsed = configFileSchema.safeParse(
      parseYaml(readFileSync("examples/patroni-dashboard.example.yml", "utf8")),
    );
    assert.ok(parsed.success, parsed.error?.message);
    assert.deepEqual(
      parsed.data.clusters.map((c) => c.name),
      ["course-lab", "prod-orders"],
    );
  });

  test("./patroni-dashboard.yml is read when present; durations are seconds; password from the environment", () => {
    const dir = dirWith({
      "patroni-dashboard.yml": [
        "poll_interval: 2",
        "request_timeout: 1.5",
        "clusters:",
        "  - name: lab",
        "    nodes: [http://127.0.0.1:8008]",
        "    restapi:",
        "      authentication: { username: admin, password_env: LAB_PW }",
        "    ctl: { insecure: true }",
      ].join("\n"),
    });
    const config = loadConfig({ LAB_PW: "s3cret" }, dir);
    assert.equal(config.pollIntervalMs, 2000);
    assert.equal(config.requestTimeoutMs, 1500);
    const node = config.clusters[0]!.nodes[0]!;
    assert.deepEqual(node.auth, { username: "admin", password: "s3cret" });
    assert.equal(node.tls?.verify, false);
    assert.equal(node.timeoutMs, 1500);
  });

  test("an invalid file names the file, the field and what is wrong", () => {
    const dir = dirWith({
      "bad.yml": "poll_interval: -1\nclusters:\n  - name: lab\n    nodes: [ftp://x]\n    colour: red\n",
    });
    const message = errorOf(() => loadConfig({ DASHBOARD_CONFIG: "bad.yml" }, dir));
    assert.match(
      message,
      new RegExp(`${join(dir, "bad.yml").replace(/[/.]/g, "\\$&")}: invalid configuration`),
    );
    assert.match(message, /poll_interval: .*(>0|positive|greater)/i);
    assert.match(message, /clusters\.0\.nodes\.0: must start with http:\/\/ or https:\/\//);
    assert.match(message, /clusters\.0: .*colour/);
  });

  test("broken YAML, missing file, credentials in URLs, unset password variable, unreadable CA", () => {
    const dir = dirWith({
      "broken.yml": "clusters: [\n",
      "creds.yml": "clusters:\n  - nodes: [http://admin:pw@127.0.0.1:8008]\n",
      "pw.yml":
        "clusters:\n  - nodes: [http://127.0.0.1:8008]\n    restapi: {authentication: {username: a, password_env: NOPE}}\n",
      "ca.yml": "clusters:\n  - nodes: [https://127.0.0.1:8008]\n    ctl: {cacert: /nonexistent/ca.crt}\n",
      "dup.yml":
        "clusters:\n  - {name: a, nodes: [http://127.0.0.1:1]}\n  - {name: a, nodes: [http://127.0.0.1:2]}\n",
    });
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "broken.yml" }, dir)),
      /broken\.yml: not valid YAML/,
    );
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "missing.yml" }, dir)),
      /missing\.yml: cannot read/,
    );
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "creds.yml" }, dir)),
      /clusters\.0\.nodes\.0: must not contain credentials/,
    );
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "pw.yml" }, dir)),
      /password_env: environment variable NOPE is not set/,
    );
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "ca.yml" }, dir)),
      /clusters\.0\.ctl\.cacert: cannot read \/nonexistent\/ca\.crt \(ENOENT\)/,
    );
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "dup.yml" }, dir)),
      /"a" is used twice/,
    );
  });
});

describe("config errors a new user makes", () => {
  test("a node URL without a scheme names the variable and field, never a TypeError", () => {
    const message = errorOf(() =>
      loadConfig({ PATRONI_NODES: "10.0.1.11:8008,http://10.0.1.12:8008" }, dirWith({})),
    );
    assert.match(message, /^PATRONI_NODES: invalid configuration/);
    assert.match(message, /clusters\.0\.nodes\.0: has no scheme: write it like http:\/\/10\.0\.1\.11:8008/);
    assert.doesNotMatch(message, /TypeError|Invalid URL/);
    // A host name that looks like a scheme ("localhost:8008" parses as scheme "localhost:").
    assert.match(
      errorOf(() => loadConfig({ PATRONI_NODES: "localhost:8008" }, dirWith({}))),
      /clusters\.0\.nodes\.0: has no scheme/,
    );
    const dir = dirWith({ "a.yml": "clusters:\n  - nodes: [pg1.example:8008]\n" });
    assert.match(
      errorOf(() => loadConfig({ DASHBOARD_CONFIG: "a.yml" }, dir)),
      /a\.yml: invalid configuration\n {2}clusters\.0\.nodes\.0: has no scheme/,
    );
  });

  test("basic auth over plain http:// is a start-up warning naming the file and field; https is not", () => {
    const dir = dirWith({
      "plain.yml":
        "clusters:\n  - nodes: [http://127.0.0.1:8008, https://127.0.0.1:8009]\n    restapi: {authentication: {username: a, password: b}}\n",
      "tls.yml":
        "clusters:\n  - nodes: [https://127.0.0.1:8008]\n    restapi: {authentication: {username: a, password: b}}\n",
    });
    const plain = loadConfig({ DASHBOARD_CONFIG: "plain.yml" }, dir);
    assert.equal(plain.warnings?.length, 1);
    assert.match(plain.warnings![0]!, /plain\.yml: clusters\.0\.restapi\.authentication: .*clear text/);
    assert.match(plain.warnings![0]!, /http:\/\/127\.0\.0\.1:8008\)/);
    assert.doesNotMatch(plain.warnings![0]!, /:b\b|password: b/);
    assert.deepEqual(loadConfig({ DASHBOARD_CONFIG: "tls.yml" }, dir).warnings, []);
  });

  test("discover is on by default and `discover: false` turns it off", () => {
    const dir = dirWith({
      "d.yml":
        "clusters:\n  - {name: a, nodes: [http://127.0.0.1:1]}\n  - {name: b, nodes: [http://127.0.0.1:2], discover: false}\n",
    });
    const config = loadConfig({ DASHBOARD_CONFIG: "d.yml" }, dir);
    assert.deepEqual(
      config.clusters.map((c) => c.discover),
      [true, false],
    );
    assert.equal(
      loadConfig({ PATRONI_NODES: "http://127.0.0.1:1" }, dirWith({})).clusters[0]!.discover,
      true,
    );
  });
});
