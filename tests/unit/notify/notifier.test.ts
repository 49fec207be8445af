import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Severity } from "@/lib/domain/constants";
import type { AlertCode } from "@/lib/domain/alert-codes";
import type { NotifySettings, WebhookSettings } from "@/lib/server/notify/config";
import { MAX_ATTEMPTS, MAX_QUEUE, RETRY_BASE_MS } from "@/lib/server/notify/delivery";
import { Notifier, RESTORED_GRACE_OBSERVATIONS, type NotifierStore } from "@/lib/server/notify/notifier";
import { openSqlite, type SqliteStorage } from "@/lib/server/storage/sqlite";
import { vi } from "@/lib/i18n/vi";
import { FakeClock } from "../../support/fake-clock";
import { startReceiver, until, type WebhookReceiver } from "../../support/webhook-receiver";

// The notifier against a real HTTP receiver on 127.0.0.1, its timers on a fake clock: dedup, retries
// with back-off, reminders, severity filters, bounds — and the webhook's token never written anywhere.

const TOKEN = "T000/B000/SECRET-TOKEN-xyz";
let receiver: WebhookReceiver;
const notifiers: Notifier[] = [];

before(async () => {
  receiver = await startReceiver();
});
after(() => receiver.close());
afterEach(() => {
  for (const n of notifiers.splice(0)) n.stop();
  receiver.received = [];
  receiver.answers = [];
  receiver.hold = false;
});

function setup(
  webhooks: Partial<WebhookSettings>[] = [{}],
  reminderIntervalMs: number | null = null,
  store?: NotifierStore,
  clock = new FakeClock(),
) {
  const logs: string[] = [];
  const settings: NotifySettings = {
    webhooks: webhooks.map((w) => ({
      url: receiver.url(`/services/${TOKEN}`),
      minSeverity: "warning",
      format: "json",
      ...w,
    })),
    reminderIntervalMs,
  };
  const notifier = new Notifier(settings, { clock, store, log: (line) => logs.push(line) });
  notifiers.push(notifier);
  return { clock, notifier, logs };
}

const alert = (code: AlertCode, severity: Severity, member: string | null, since: number) => ({
  code,
  severity,
  member,
  since,
});

/** Real time for a request that must NOT come: long enough for a loopback POST to arrive. */
const quiet = () => new Promise((resolve) => setTimeout(resolve, 150));

describe("notifier: one message per alert lifetime", () => {
  test("open once (however many cycles), resolve once, in that order, with the JSON fields", async () => {
    const { clock, notifier } = setup();
    const since = clock.now();
    const open = [{ cluster: "lab", alerts: [alert("failover_pending", "critical", "node1", since)] }];
    notifier.observe(open);
    for (let i = 0; i < 5; i++) {
      await clock.advance(5000);
      notifier.observe(open);
    }
    await until("the open", () => receiver.received.length === 1);
    await quiet();
    assert.equal(receiver.received.length, 1, "no second message while the alert stays open");
    const opened = receiver.received[0]!;
    assert.equal(opened.contentType, "application/json");
    assert.equal(opened.path, `/services/${TOKEN}`);
    assert.deepEqual(
      { ...opened.body, text: undefined },
      {
        event: "alert_opened",
        cluster: "lab",
        code: "failover_pending",
        severity: "critical",
        member: "node1",
        since,
        resolvedAt: null,
        text: undefined,
      },
    );
    assert.match(String(opened.body.text), /CRITICAL.*lab\/node1.*Leader down, failover pending/i);

    await clock.advance(5000);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await until("the resolve", () => receiver.received.length === 2);
    const resolved = receiver.received[1]!.body;
    assert.equal(resolved.event, "alert_resolved");
    assert.equal(resolved.since, since);
    assert.equal(resolved.resolvedAt, clock.now());
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await quiet();
    assert.equal(receiver.received.length, 2, "a resolved alert is not resolved twice");
    assert.deepEqual(
      notifier.attempts().map((a) => [a.event, a.outcome, a.attempt]),
      [
        ["alert_opened", "delivered", 1],
        ["alert_resolved", "delivered", 1],
      ],
    );
  });

  test("a new lifetime of the same alert is a new open", async () => {
    const { clock, notifier } = setup();
    const a = [{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }];
    notifier.observe(a);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    notifier.observe(a);
    await until("open, resolve, open", () => receiver.received.length === 3);
    assert.deepEqual(
      receiver.received.map((r) => r.body.event),
      ["alert_opened", "alert_resolved", "alert_opened"],
    );
  });

  test("min_severity per webhook; slack format is an incoming-webhook {text}", async () => {
    const { clock, notifier } = setup([
      { minSeverity: "critical", url: receiver.url("/critical") },
      { minSeverity: "info", format: "slack", url: receiver.url("/all") },
    ]);
    notifier.observe([
      {
        cluster: "lab",
        alerts: [
          alert("pending_restart", "info", "node2", clock.now()),
          alert("failover_pending", "critical", "node1", clock.now()),
        ],
      },
    ]);
    await until("three messages", () => receiver.received.length === 3);
    await quiet();
    assert.deepEqual(
      receiver.received.filter((r) => r.path === "/critical").map((r) => r.body.code),
      ["failover_pending"],
    );
    const slack = receiver.received.filter((r) => r.path === "/all");
    assert.equal(slack.length, 2);
    for (const r of slack) assert.deepEqual(Object.keys(r.body), ["text"]);
    assert.ok(slack.some((r) => /INFO.*lab\/node2.*Restart pending/i.test(String(r.body.text))));
  });
});

describe("notifier: delivery", () => {
  test("retries a failing receiver with back-off (2 s, 4 s) until it answers 2xx", async () => {
    const { clock, notifier } = setup();
    receiver.answers = [500, 503];
    notifier.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    await until("the first attempt", () => receiver.received.length === 1);
    await clock.advance(RETRY_BASE_MS - 1);
    await quiet();
    assert.equal(receiver.received.length, 1, "no retry before the back-off");
    await clock.advance(1);
    await until("the second attempt", () => receiver.received.length === 2);
    await clock.advance(2 * RETRY_BASE_MS - 1);
    await quiet();
    assert.equal(receiver.received.length, 2, "the second back-off is twice as long");
    await clock.advance(1);
    await until("the third attempt", () => receiver.received.length === 3);
    await until("the record", () => notifier.attempts().length === 3);
    assert.deepEqual(
      notifier.attempts().map((a) => [a.outcome, a.attempt, a.status]),
      [
        ["retrying", 1, 500],
        ["retrying", 2, 503],
        ["delivered", 3, 200],
      ],
    );
    assert.equal(notifier.pending, 0);
  });

  test(`gives up after ${MAX_ATTEMPTS} attempts; a 4xx other than 408/429 is not retried`, async () => {
    const { clock, notifier, logs } = setup();
    receiver.answers = Array(MAX_ATTEMPTS).fill(500);
    notifier.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await until(`attempt ${i}`, () => receiver.received.length === i);
      await until(`record ${i}`, () => notifier.attempts().length === i);
      // Exactly the back-off: the next retry, if any, is scheduled beyond this advance.
      await clock.advance(RETRY_BASE_MS * 2 ** (i - 1));
    }
    await quiet();
    assert.equal(receiver.received.length, MAX_ATTEMPTS);
    assert.equal(notifier.attempts().at(-1)!.outcome, "gave_up");

    receiver.received = [];
    receiver.answers = [400];
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await until("the resolve's one attempt", () => receiver.received.length === 1);
    await until("its record", () => notifier.attempts().length === MAX_ATTEMPTS + 1);
    await clock.advance(60_000);
    await quiet();
    assert.equal(receiver.received.length, 1);
    assert.deepEqual(
      [notifier.attempts().at(-1)!.outcome, notifier.attempts().at(-1)!.status],
      ["gave_up", 400],
    );
    assert.ok(logs.length >= 2);
  });

  test("the open is delivered before the resolve even when the open needed retries", async () => {
    const { clock, notifier } = setup();
    receiver.answers = [500];
    notifier.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await until("the failed open", () => receiver.received.length === 1);
    await quiet();
    assert.equal(receiver.received.length, 1, "the resolve waits behind the open's retry");
    await clock.advance(RETRY_BASE_MS);
    await until("open then resolve", () => receiver.received.length === 3);
    assert.deepEqual(
      receiver.received.map((r) => r.body.event),
      ["alert_opened", "alert_opened", "alert_resolved"],
    );
  });

  test("observe never waits for a hung receiver, and the queue is bounded", async () => {
    const { clock, notifier } = setup();
    receiver.hold = true;
    const many = Array.from({ length: MAX_QUEUE + 20 }, (_, i) => ({
      cluster: `c${i}`,
      alerts: [alert("no_leader", "critical", null, clock.now())],
    }));
    const started = performance.now();
    notifier.observe(many);
    const took = performance.now() - started;
    assert.ok(took < 200, `observe took ${took} ms`);
    await until("the first (held) request", () => receiver.received.length === 1);
    assert.ok(notifier.pending <= MAX_QUEUE, `${notifier.pending} waiting`);
    const dropped = notifier.attempts().filter((a) => a.outcome === "dropped");
    assert.equal(dropped.length, 20);
    assert.deepEqual(dropped.map((d) => d.cluster).slice(0, 2), ["c0", "c1"], "the oldest are dropped");
  });
});

describe("notifier: reminders", () => {
  test("one reminder per reminder_interval while the alert stays open, none after it resolves", async () => {
    const { clock, notifier } = setup([{}], 60_000);
    const open = [{ cluster: "lab", alerts: [alert("stale", "critical", null, clock.now())] }];
    notifier.observe(open);
    for (let t = 0; t < 150_000; t += 5000) {
      await clock.advance(5000);
      notifier.observe(open);
    }
    await until("open + 2 reminders", () => receiver.received.length === 3);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await until("the resolve", () => receiver.received.length === 4);
    await clock.advance(120_000);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await quiet();
    assert.deepEqual(
      receiver.received.map((r) => r.body.event),
      ["alert_opened", "alert_reminder", "alert_reminder", "alert_resolved"],
    );
  });
});

describe("notifier: language", () => {
  test("notify.locale vi: the message text is Vietnamese", async () => {
    const clock = new FakeClock();
    const notifier = new Notifier(
      {
        webhooks: [{ url: receiver.url(`/services/${TOKEN}`), minSeverity: "warning", format: "slack" }],
        reminderIntervalMs: null,
        locale: "vi",
      },
      { clock },
    );
    notifiers.push(notifier);
    notifier.observe([
      { cluster: "lab", alerts: [alert("failover_pending", "critical", "node1", clock.now())] },
    ]);
    await until("the open", () => receiver.received.length === 1);
    assert.ok(String(receiver.received[0]!.body.text).includes(vi["alert.failover_pending.title"]));
  });
});

describe("notifier: its memory of open alerts is kept in the history store (SQLite)", () => {
  const root = mkdtempSync(join(tmpdir(), "pd-notify-store-"));
  const stores: SqliteStorage[] = [];
  after(async () => {
    for (const s of stores) await s.close();
    rmSync(root, { recursive: true, force: true });
  });
  let n = 0;
  const store = () => {
    const s = openSqlite(join(root, `db-${++n}`));
    stores.push(s);
    return s;
  };
  const events = () => receiver.received.map((r) => r.body.event);

  test("after a restart an alert already announced is not announced again; its resolve still comes", async () => {
    const db = store();
    const clock = new FakeClock();
    const open = [{ cluster: "lab", alerts: [alert("failover_pending", "critical", "node1", clock.now())] }];
    const first = setup([{}], null, db, clock).notifier;
    first.observe(open);
    await first.settled();
    await until("the open", () => receiver.received.length === 1);
    first.stop();
    assert.deepEqual(
      (await db.notifiedAlerts()).map((a) => [a.code, a.member]),
      [["failover_pending", "node1"]],
    );

    // The server restarts (kill -9 or not): a new notifier on the same store.
    const second = setup([{}], null, db, clock).notifier;
    await second.restore();
    for (let i = 0; i < 4; i++) {
      await clock.advance(5000);
      second.observe(open);
    }
    await second.settled();
    await quiet();
    assert.deepEqual(events(), ["alert_opened"], "opened was sent again after the restart");
    second.observe([{ cluster: "lab", alerts: [] }]);
    await second.settled();
    await until("the resolve", () => receiver.received.length === 2);
    assert.deepEqual(events(), ["alert_opened", "alert_resolved"]);
    assert.equal(receiver.received[1]!.body.since, open[0]!.alerts[0]!.since);
    assert.deepEqual(await db.notifiedAlerts(), []);
  });

  test("an alert that cleared while the server was down is resolved after the restart, not before its grace", async () => {
    const db = store();
    const clock = new FakeClock();
    const first = setup([{}], null, db, clock).notifier;
    first.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    await first.settled();
    await until("the open", () => receiver.received.length === 1);
    first.stop();

    const second = setup([{}], null, db, clock).notifier;
    await second.restore();
    for (let i = 1; i < RESTORED_GRACE_OBSERVATIONS; i++) second.observe([{ cluster: "lab", alerts: [] }]);
    await second.settled();
    await quiet();
    assert.deepEqual(events(), ["alert_opened"], "resolved before the rules had their cycles");
    second.observe([{ cluster: "lab", alerts: [] }]);
    await second.settled();
    await until("the resolve", () => receiver.received.length === 2);
    assert.deepEqual(events(), ["alert_opened", "alert_resolved"]);
  });

  test("two notifiers on one store (two dashboards) send each open, reminder and resolve once", async () => {
    const db = store();
    const clock = new FakeClock();
    const a = setup([{}], 60_000, db, clock).notifier;
    const b = setup([{}], 60_000, db, clock).notifier;
    const open = [{ cluster: "lab", alerts: [alert("stale", "critical", null, clock.now())] }];
    for (let t = 0; t <= 60_000; t += 5000) {
      a.observe(open);
      b.observe(open);
      await clock.advance(5000);
    }
    a.observe([{ cluster: "lab", alerts: [] }]);
    b.observe([{ cluster: "lab", alerts: [] }]);
    await Promise.all([a.settled(), b.settled()]);
    await until("open, reminder, resolve", () => receiver.received.length === 3);
    await quiet();
    assert.deepEqual(events(), ["alert_opened", "alert_reminder", "alert_resolved"]);
  });

  test("a store that fails does not cost the message: sent anyway, the failure logged once", async () => {
    const broken: NotifierStore = {
      notifiedAlerts: async () => [],
      claimOpened: async () => Promise.reject(new Error("database unreachable")),
      claimReminder: async () => Promise.reject(new Error("database unreachable")),
      claimResolved: async () => Promise.reject(new Error("database unreachable")),
    };
    const { notifier, logs, clock } = setup([{}], null, broken);
    notifier.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    notifier.observe([{ cluster: "lab", alerts: [] }]);
    await notifier.settled();
    await until("open and resolve", () => receiver.received.length === 2);
    assert.equal(logs.filter((l) => l.includes("database unreachable")).length, 1, logs.join("\n"));
  });
});

describe("notifier: the webhook URL stays secret", () => {
  test("records and log lines show scheme, host and port; never the path that carries the token", async () => {
    const { clock, notifier, logs } = setup();
    receiver.answers = [500];
    notifier.observe([{ cluster: "lab", alerts: [alert("no_leader", "critical", null, clock.now())] }]);
    await until("the failed attempt's record", () => notifier.attempts().length === 1);
    const [record] = notifier.attempts();
    assert.match(record!.webhook, /^http:\/\/127\.0\.0\.1:\d+\/…$/);
    const everything = JSON.stringify(notifier.attempts()) + logs.join("\n");
    assert.ok(!everything.includes("SECRET-TOKEN"), everything);
    assert.ok(logs.some((l) => l.includes(record!.webhook)));
  });
});
