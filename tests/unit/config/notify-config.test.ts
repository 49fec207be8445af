import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "@/lib/server/config/load";
import { maskUrl } from "@/lib/server/notify/config";

// The `notify` block and `lag_warning_bytes`: parsed into settings, or a ConfigError that names the
// file and the field — and never repeats a webhook URL, which usually carries a token.

const SECRET = "https://hooks.slack.com/services/T0/B0/SECRET-TOKEN";

function load(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), "pd-notify-"));
  const file = join(dir, "dashboard.yml");
  writeFileSync(file, yaml);
  return { file, run: () => loadConfig({ DASHBOARD_CONFIG: file }, dir) };
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

const CLUSTER = "clusters:\n  - name: lab\n    nodes: [http://127.0.0.1:8008]\n";

describe("notify configuration", () => {
  test("webhooks with defaults (min_severity warning, format json) and a reminder interval", () => {
    const { run } = load(
      `${CLUSTER}notify:\n  reminder_interval: 3600\n  webhooks:\n    - url: ${SECRET}\n      format: slack\n    - url: http://127.0.0.1:9999/hook\n      min_severity: critical\n`,
    );
    const config = run();
    assert.deepEqual(config.notify, {
      reminderIntervalMs: 3_600_000,
      locale: "en",
      webhooks: [
        { url: SECRET, minSeverity: "warning", format: "slack" },
        { url: "http://127.0.0.1:9999/hook", minSeverity: "critical", format: "json" },
      ],
    });
  });

  test("no notify block: no notifier; no reminder_interval: none", () => {
    assert.equal(load(CLUSTER).run().notify, null);
    const { run } = load(`${CLUSTER}notify:\n  webhooks:\n    - url: ${SECRET}\n`);
    assert.equal(run().notify!.reminderIntervalMs, null);
  });

  test("locale: en or vi (default en); anything else names the field", () => {
    const vi = load(`${CLUSTER}notify:\n  locale: vi\n  webhooks:\n    - url: ${SECRET}\n`).run();
    assert.equal(vi.notify!.locale, "vi");
    const message = errorOf(load(`${CLUSTER}notify:\n  locale: fr\n  webhooks:\n    - url: ${SECRET}\n`).run);
    assert.match(message, /notify\.locale: must be one of en, vi/);
  });

  test("a non-http URL, a bad severity or format, an unknown key: file and field named, URL not repeated", () => {
    const cases: [string, RegExp][] = [
      [
        "    - url: ftp://example.com/SECRET-TOKEN\n",
        /notify\.webhooks\.0\.url: must start with http:\/\/ or https:\/\//,
      ],
      ["    - url: not a url SECRET-TOKEN\n", /notify\.webhooks\.0\.url: must be a URL/],
      [`    - url: ${SECRET}\n      min_severity: loud\n`, /notify\.webhooks\.0\.min_severity/],
      [`    - url: ${SECRET}\n      format: teams\n`, /notify\.webhooks\.0\.format/],
      [`    - url: ${SECRET}\n      token: x\n`, /notify\.webhooks\.0: .*token/],
    ];
    for (const [webhook, expected] of cases) {
      const { file, run } = load(`${CLUSTER}notify:\n  webhooks:\n${webhook}`);
      const message = errorOf(run);
      assert.ok(message.startsWith(file), message);
      assert.match(message, expected);
      assert.ok(!message.includes("SECRET-TOKEN"), message);
    }
    assert.match(
      errorOf(load(`${CLUSTER}notify:\n  webhooks: []\n`).run),
      /notify\.webhooks: list at least one/,
    );
  });

  test("maskUrl keeps scheme, host and port and hides the path and query", () => {
    assert.equal(maskUrl(SECRET), "https://hooks.slack.com/…");
    assert.equal(maskUrl("http://127.0.0.1:9000/x?token=1"), "http://127.0.0.1:9000/…");
    assert.equal(maskUrl("http://127.0.0.1:9000"), "http://127.0.0.1:9000");
  });
});

describe("lag_warning_bytes", () => {
  test("per cluster; absent means null (maximum_lag_on_failover decides)", () => {
    const { run } = load(
      "clusters:\n  - name: a\n    nodes: [http://127.0.0.1:8008]\n    lag_warning_bytes: 104857600\n  - name: b\n    nodes: [http://127.0.0.1:9008]\n",
    );
    assert.deepEqual(
      run().clusters.map((c) => [c.name, c.lagWarningBytes]),
      [
        ["a", 104_857_600],
        ["b", null],
      ],
    );
  });

  test("must be a positive whole number of bytes", () => {
    for (const value of ["0", "-5", "1.5", "'100MB'"]) {
      const message = errorOf(
        load(`clusters:\n  - name: a\n    nodes: [http://127.0.0.1:8008]\n    lag_warning_bytes: ${value}\n`)
          .run,
      );
      assert.match(message, /clusters\.0\.lag_warning_bytes/, value);
    }
  });
});
