import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { statusCheckAllSchema, statusCheckSchema } from "@/lib/domain/contracts-status-check";
import { eventsResponseSchema } from "@/lib/domain/history-events";
import { startApp, type AppServer } from "../support/app-server";
import { parseExposition, sample } from "../support/exposition";
import { lab, waitFor } from "../support/lab";
import { startReceiver, type Received, type WebhookReceiver } from "../support/webhook-receiver";

// "Leaving the screen" against a REAL 3-node Patroni cluster (scripts/lab.sh on 127.0.0.1) and the
// built app (`next start`): promtool on the live /metrics and on the example rules, the status URL,
// and a local webhook receiver told of the open and the resolve of failover_pending when the leader
// is killed and started again. The receiver's port is TEST_WEBHOOK_PORT.

const NAME = "lab";
const TOKEN = "T0/B0/SECRET-WEBHOOK-TOKEN";
const cluster = lab("plain");
let app: AppServer | null = null;
let receiver: WebhookReceiver | null = null;
let dir: string;
let killed: string | null = null;
let appEnv: Record<string, string> = {};

function promtool(args: string[], input?: string): { status: number | null; out: string } {
  const res = spawnSync("promtool", args, { input, encoding: "utf8", timeout: 60_000 });
  if (res.error) throw new Error(`promtool could not run (Debian package prometheus): ${res.error.message}`);
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

async function status(path: string): Promise<{ code: number; body: unknown; cache: string | null }> {
  const res = await fetch(`${app!.url}${path}`);
  return { code: res.status, body: await res.json(), cache: res.headers.get("cache-control") };
}

const messages = (event: string, code: string, path: string): Received[] =>
  receiver!.received.filter((r) => r.path === path && r.body.event === event && r.body.code === code);

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  receiver = await startReceiver(Number(process.env.TEST_WEBHOOK_PORT ?? 28600));
  dir = mkdtempSync(join(tmpdir(), "pd-leaving-"));
  const config = join(dir, "dashboard.yml");
  writeFileSync(
    config,
    [
      "poll_interval: 1",
      "probe_interval: 5",
      "clusters:",
      `  - name: ${NAME}`,
      `    nodes: [${cluster.urls().join(", ")}]`,
      "    lag_warning_bytes: 104857600",
      "notify:",
      "  webhooks:",
      `    - url: ${receiver.url(`/json/${TOKEN}`)}`,
      "      min_severity: critical",
      `    - url: ${receiver.url(`/slack/${TOKEN}`)}`,
      "      min_severity: critical",
      "      format: slack",
      "",
    ].join("\n"),
  );
  appEnv = { DASHBOARD_CONFIG: config, DATA_DIR: join(dir, "data") };
  app = await startApp(appEnv);
  await waitFor(
    "the status URL to say the lab is healthy",
    async () => (await status(`/api/clusters/${NAME}/status`)).code === 200,
    60_000,
    500,
  );
});

after(async () => {
  try {
    if (killed) cluster.run("start", killed);
  } finally {
    await app?.stop();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

describe("metrics, status URL and webhooks on a real Patroni cluster", () => {
  test("the live /metrics passes promtool check metrics and shows the lab as it is", async () => {
    const res = await fetch(`${app!.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const text = await res.text();
    const check = promtool(["check", "metrics"], text);
    assert.equal(check.status, 0, check.out);

    const { samples } = parseExposition(text);
    const leader = cluster.run("leader").trim();
    assert.equal(sample(samples, "patroni_dashboard_cluster_has_leader", { cluster: NAME }), 1);
    assert.equal(sample(samples, "patroni_dashboard_member_is_leader", { cluster: NAME, member: leader }), 1);
    const reachable = samples.filter((s) => s.name === "patroni_dashboard_member_reachable");
    assert.deepEqual(reachable.map((s) => [s.labels.member, s.value]).sort(), [
      ["node1", 1],
      ["node2", 1],
      ["node3", 1],
    ]);
    assert.equal(
      sample(samples, "patroni_dashboard_cluster_lag_warning_bytes", { cluster: NAME }),
      104857600,
    );
    const cycles = sample(samples, "patroni_dashboard_poll_cycle_duration_seconds_count", {});
    assert.ok(cycles !== undefined && cycles >= 1, `cycles ${cycles}`);
    assert.ok(!text.includes("SECRET-WEBHOOK-TOKEN"));
    // The dashboard's own process, under the standard names.
    assert.ok(sample(samples, "process_resident_memory_bytes", {})! > 10 * 2 ** 20);
    assert.ok(sample(samples, "nodejs_heap_size_used_bytes", {})! > 2 ** 20);
  });

  test("promtool checks the example rules and passes their unit tests", () => {
    const check = promtool(["check", "rules", "examples/prometheus-rules.yml"]);
    assert.equal(check.status, 0, check.out);
    assert.match(check.out, /SUCCESS: 6 rules found/);
    const unit = promtool(["test", "rules", "tests/prometheus/rules.test.yml"]);
    assert.equal(unit.status, 0, unit.out);
  });

  test("a killed leader: failover_pending opened on both webhooks, status 503; dashboard kill -9'd and restarted, leader started again: resolved once, opened not repeated, 200", async () => {
    const healthy = await status("/api/status");
    assert.equal(healthy.code, 200);
    assert.equal(healthy.cache, "no-store");
    assert.equal(statusCheckAllSchema.parse(healthy.body).ok, true);

    const leader = cluster.run("leader").trim();
    cluster.run("kill", leader);
    killed = leader;
    const down = await waitFor(
      "the status URL to flip to 503",
      async () => {
        const s = await status(`/api/clusters/${NAME}/status`);
        return s.code === 503 ? s : null;
      },
      15_000,
      200,
    );
    const body = statusCheckSchema.parse(down.value.body);
    assert.equal(body.worstSeverity, "critical");
    assert.ok(body.alerts.some((a) => a.code === "failover_pending" && a.member === leader));
    assert.equal((await status("/api/status")).code, 503);

    await waitFor(
      "alert_opened failover_pending on the JSON and the Slack webhook",
      async () =>
        messages("alert_opened", "failover_pending", `/json/${TOKEN}`).length === 1 &&
        receiver!.received.some(
          (r) => r.path === `/slack/${TOKEN}` && /failover pending/i.test(String(r.body.text)),
        ),
      15_000,
    );
    const opened = messages("alert_opened", "failover_pending", `/json/${TOKEN}`)[0]!.body;
    assert.deepEqual([opened.cluster, opened.member, opened.severity], [NAME, leader, "critical"]);

    // kill -9 the dashboard while the alert is open: the new process knows (from the store) that it was
    // announced, so it does not announce it again, and it still sends the resolve.
    await app!.crash();
    app = await startApp(appEnv);
    cluster.run("start", leader);
    killed = null;
    await waitFor(
      "alert_resolved failover_pending",
      async () => messages("alert_resolved", "failover_pending", `/json/${TOKEN}`).length === 1,
      90_000,
      500,
    );
    const resolved = messages("alert_resolved", "failover_pending", `/json/${TOKEN}`)[0]!.body;
    assert.equal(resolved.since, opened.since);
    assert.ok(typeof resolved.resolvedAt === "number" && resolved.resolvedAt > (opened.since as number));
    assert.equal(
      messages("alert_opened", "failover_pending", `/json/${TOKEN}`).length,
      1,
      "deduplicated, across the restart too",
    );

    cluster.run("wait-healthy", "120");
    await waitFor(
      "the status URL back to 200",
      async () => (await status(`/api/clusters/${NAME}/status`)).code === 200,
      60_000,
      500,
    );
    assert.equal((await status("/api/status")).code, 200);

    // Every delivery attempt is an event of the history, naming the webhook by its label only.
    const events = eventsResponseSchema.parse(
      (await status(`/api/events?cluster=${NAME}&kind=notification_sent&limit=100`)).body,
    ).events;
    const sent = events.filter((e) => e.kind === "notification_sent" && e.code === "failover_pending");
    assert.deepEqual(
      sent.map((e) => (e.kind === "notification_sent" ? `${e.subject} ${e.channel}` : "")).sort(),
      [
        "alert_opened webhook 1 (json)",
        "alert_opened webhook 2 (slack)",
        "alert_resolved webhook 1 (json)",
        "alert_resolved webhook 2 (slack)",
      ],
    );
    const scraped = parseExposition(await (await fetch(`${app!.url}/metrics`)).text()).samples;
    const delivered = sample(scraped, "patroni_dashboard_notification_attempts_total", {
      outcome: "delivered",
    });
    // A counter of this process: the restarted one delivered the two resolves.
    assert.ok(delivered !== undefined && delivered >= 2, `delivered ${delivered}`);
    // The token is in no API response and in no log line.
    for (const path of [`/api/clusters/${NAME}`, "/api/events?limit=1000", "/api/status", "/metrics"]) {
      const text = await (await fetch(`${app!.url}${path}`)).text();
      assert.ok(!text.includes("SECRET-WEBHOOK-TOKEN"), path);
    }
    assert.ok(!app!.output().includes("SECRET-WEBHOOK-TOKEN"), app!.output());
  });
});
