import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterDetailSchema, type ClusterDetail } from "@/lib/domain/contracts";
import { eventsResponseSchema, type HistoryEvent } from "@/lib/domain/history-events";
import { startApp, type AppServer } from "../support/app-server";
import { lab, waitFor } from "../support/lab";
import { freshLabDatabase, labAdmin, labLeaderPgPort } from "../support/lab-postgres";

// The persistent history on the REAL lab, through the built app (`next start`, as users run it): a
// switchover and a killed leader are recorded as events; then the server is killed with SIGKILL and
// started again on the same DATA_DIR, and every event and event-log entry it had shown is still there,
// in the same order. Needs `npx next build` first.

const INTERVAL_S = 2;
const cluster = lab("plain");
const root = mkdtempSync(join(tmpdir(), "pd-history-"));
const dataDir = join(root, "data");
const configFile = join(root, "dashboard.yml");
let app: AppServer | null = null;

before(() => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  const urls = cluster.urls();
  writeFileSync(
    configFile,
    `poll_interval: ${INTERVAL_S}\nclusters:\n  - name: lab\n    nodes:\n${urls.map((u) => `      - ${u}\n`).join("")}`,
  );
});
after(async () => {
  await app?.stop();
  // Leave the lab healthy for the next file, whatever happened here.
  for (const node of ["node1", "node2", "node3"]) {
    try {
      cluster.run("start", node);
    } catch {
      /* already running */
    }
  }
  rmSync(root, { recursive: true, force: true });
});

let start = () => startApp({ DASHBOARD_CONFIG: configFile, DATA_DIR: dataDir });

async function events(query = ""): Promise<HistoryEvent[]> {
  const res = await fetch(`${app!.url}/api/clusters/lab/events?limit=1000${query}`);
  assert.equal(res.status, 200, await res.clone().text());
  return eventsResponseSchema.parse(await res.json()).events;
}

async function detail(): Promise<ClusterDetail> {
  const res = await fetch(`${app!.url}/api/clusters/lab`);
  return clusterDetailSchema.parse(await res.json());
}

describe("history on the real lab", { timeout: 600_000 }, () => {
  test(
    "a switchover and a killed leader are recorded; kill -9 of the server loses none of it",
    { timeout: 540_000 },
    async () => {
      app = await start();
      const first = await waitFor(
        "the dashboard to see a healthy leader",
        async () => {
          const d = await detail();
          return d.leader && d.members.some((m) => m.role === "sync_standby") ? d : null;
        },
        30_000,
      );
      const oldLeader = first.value.leader!;
      const candidate = first.value.members.find((m) => m.role === "sync_standby")!.name;

      cluster.run("switchover", candidate);
      await waitFor(
        "the switchover to be stored",
        async () =>
          (await events("&kind=leader_changed")).find(
            (e) => e.kind === "leader_changed" && e.from === oldLeader && e.to === candidate,
          ),
        6 * INTERVAL_S * 1000,
      );

      cluster.run("wait-healthy", "120");
      const killedAt = Date.now();
      cluster.run("kill", candidate);
      try {
        const elected = await waitFor(
          "a new leader after the killed one to be stored",
          async () =>
            (await events(`&kind=leader_changed&since=${killedAt}`)).find(
              (e) => e.kind === "leader_changed" && e.to !== null && e.to !== candidate,
            ),
          120_000,
        );
        assert.ok(elected.value.kind === "leader_changed");
        const since = await events(`&since=${killedAt}`);
        assert.ok(
          since.some(
            (e) => e.kind === "alert_opened" && e.code === "failover_pending" && e.member === candidate,
          ),
          `no failover_pending opened for ${candidate}: ${since.map((e) => e.kind).join(", ")}`,
        );
      } finally {
        cluster.run("start", candidate);
      }
      cluster.run("wait-healthy", "120");
      await waitFor(
        "the old leader to be back in the DCS",
        async () =>
          (await events("&kind=member_joined")).find((e) => e.member === candidate && e.at > killedAt),
        60_000,
      );

      // What was on screen just before the crash.
      const shownEvents = await events();
      const shownLog = (await detail()).eventLog;
      assert.ok(shownEvents.length >= 4, `${shownEvents.length} events`);
      assert.ok(shownLog.length >= 2, `${shownLog.length} event-log entries`);
      await app.crash();
      app = await start();

      const after = await events();
      const kept = after.filter((e) => shownEvents.some((s) => s.id === e.id));
      assert.deepEqual(kept, shownEvents, "every event shown before kill -9 is back, in the same order");
      const log = (await detail()).eventLog;
      assert.deepEqual(log.slice(0, shownLog.length), shownLog, "the event log starts with what was shown");
    },
  );

  test(
    "with storage.url on the lab's PostgreSQL 15: kill -9 and restart keep every event, in order",
    { timeout: 240_000 },
    async () => {
      await app?.stop();
      cluster.run("wait-healthy", "120");
      const port = labLeaderPgPort(cluster);
      const database = `pd_history_it_${process.pid}`;
      const url = await freshLabDatabase(port, database);
      const pgConfig = join(root, "dashboard-pg.yml");
      writeFileSync(
        pgConfig,
        `${readFileSync(configFile, "utf8")}storage:\n  url_env: PD_TEST_STORAGE_URL\n`,
      );
      start = () => startApp({ DASHBOARD_CONFIG: pgConfig, DATA_DIR: dataDir, PD_TEST_STORAGE_URL: url });
      try {
        app = await start();
        await waitFor("a first view", async () => (await detail()).leader, 30_000);
        await new Promise((r) => setTimeout(r, 2 * INTERVAL_S * 1000));
        // Maintenance mode on and off: events that do not move the database we write to.
        cluster.run("pause");
        // Resume only once the dashboard has seen the pause: both within one poll would be no change.
        await waitFor("the dashboard to see the pause", async () => (await detail()).paused, 20_000);
        cluster.run("resume");
        await waitFor(
          "pause and resume to be stored",
          async () => {
            const kinds = (await events("&kind=paused,resumed")).map((e) => e.kind);
            return kinds.includes("paused") && kinds.includes("resumed");
          },
          30_000,
        ).catch((err: Error) => {
          throw new Error(`${err.message}; server output:\n${app!.output().slice(-3000)}`);
        });
        const shownEvents = await events();
        const shownLog = (await detail()).eventLog;
        await app.crash();
        app = await start();
        const kept = (await events()).filter((e) => shownEvents.some((s) => s.id === e.id));
        assert.deepEqual(kept, shownEvents);
        assert.deepEqual((await detail()).eventLog.slice(0, shownLog.length), shownLog);
        assert.doesNotMatch(app.output(), /lab-postgres/, "the database password never reaches the log");
      } finally {
        await app?.stop();
        app = null;
        await labAdmin(port, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
      }
    },
  );
});
