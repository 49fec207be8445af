import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET as getEvents } from "@/app/api/events/route";
import { GET as getClusterEvents } from "@/app/api/clusters/[name]/events/route";
import { GET as getLag } from "@/app/api/clusters/[name]/lag/route";
import { eventsResponseSchema, lagHistoryResponseSchema } from "@/lib/domain/history-events";
import type { DashboardConfig } from "@/lib/server/config/load";
import { Poller } from "@/lib/server/poller/poller";
import { installRuntime } from "@/lib/server/runtime";
import { HistoryRecorder } from "@/lib/server/storage/recorder";
import { openSqlite } from "@/lib/server/storage/sqlite";
import type { Retention, Storage } from "@/lib/server/storage/storage";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";
import { testConfig } from "../../support/config";

// The poller's history hook end to end on the real captures: a switchover, a pause and a resume go
// into SQLite, the routes serve them, and a new process on the same DATA_DIR shows the same event
// log and config history.

const root = mkdtempSync(join(tmpdir(), "pd-recorder-"));
after(() => rmSync(root, { recursive: true, force: true }));
const retention: Retention = { eventsMs: 1e12, rawLagMs: 3_600_000, rollupMs: 7 * 86_400_000, maxBytes: 1e9 };

function boot(dir: string, clock: FakeClock) {
  const nodes = [1, 2, 3].map(
    (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, "patroni-4", "a-healthy", `node${i}`),
  );
  const storage = openSqlite(dir);
  const cluster = new ClusterState(
    "lab",
    0,
    nodes.map((n) => n.asClient()),
    50,
  );
  const poller = new Poller([cluster], {
    intervalMs: 5000,
    slowIntervalMs: 0,
    clock,
    history: new HistoryRecorder(storage, retention),
  });
  /** Moves every node to `scenario`, advances the clock one interval and polls once. */
  const cycle = async (scenario: string) => {
    for (const n of nodes) n.scenario = scenario;
    await clock.advance(5000);
    return poller.runCycle();
  };
  return { nodes, storage, cluster, poller, cycle };
}

function install(cluster: ClusterState, poller: Poller, storage: Storage): void {
  const config: DashboardConfig = testConfig({ file: "/etc/x.yml" });
  installRuntime({ config, clusters: [cluster], poller, demo: null, startedAt: 0, storage });
}

const params = (name: string) => ({ params: Promise.resolve({ name }) });

describe("history recorder (SQLite) and the history routes", () => {
  test(
    "a switchover, a pause and a resume are stored, served and survive a restart",
    { timeout: 30_000 },
    async () => {
      const dir = join(root, "switchover");
      // The lag route reads the hour before the real now: the cycles run in the last minute.
      const clock = new FakeClock(Date.now() - 60_000);
      const first = boot(dir, clock);
      const { cycle } = first;
      try {
        await cycle("a-healthy");
        await cycle("a-healthy");
        await cycle("b-after-switchover");
        await cycle("d-paused");
        await cycle("b-after-switchover");
        const stored = await first.storage.events({ limit: 100 });
        const kinds = stored.map((e) => e.kind).reverse();
        // The captures' leaders: node1 (a), node2 (b, timeline 2), node3 (d, timeline 3), node2 again.
        const leaders = stored
          .flatMap((e) => (e.kind === "leader_changed" ? [[e.from, e.to]] : []))
          .reverse();
        assert.deepEqual(
          leaders,
          [
            ["node1", "node2"],
            ["node2", "node3"],
            ["node3", "node2"],
          ],
          kinds.join(", "),
        );
        const timelines = stored
          .flatMap((e) => (e.kind === "timeline_changed" ? [[e.from, e.to]] : []))
          .reverse();
        assert.deepEqual(timelines[0], [1, 2]);
        assert.ok(kinds.indexOf("paused") > kinds.indexOf("leader_changed"), kinds.join(", "));
        assert.ok(kinds.indexOf("resumed") > kinds.indexOf("paused"), kinds.join(", "));
        // What the event log shows is exactly what was committed, in the same order.
        const shown = first.cluster.eventLog.entries();
        assert.ok(shown.length > 0);
        assert.deepEqual(await first.storage.logEntries("lab", 500), shown);
        const configShown = first.cluster.configHistory.toArray();

        install(first.cluster, first.poller, first.storage);
        const all = eventsResponseSchema.parse(
          await (await getEvents(new Request("http://x/api/events"))).json(),
        );
        assert.deepEqual(
          all.events.map((e) => e.id),
          stored.map((e) => e.id),
        );
        const res = await getClusterEvents(
          new Request("http://x/api/clusters/lab/events?kind=paused,resumed&limit=1"),
          params("lab"),
        );
        assert.equal(res.status, 200);
        assert.equal(res.headers.get("cache-control"), "no-store");
        assert.deepEqual(
          eventsResponseSchema.parse(await res.json()).events.map((e) => e.kind),
          ["resumed"],
        );
        const lag = await getLag(new Request("http://x/api/clusters/lab/lag?range=1h"), params("lab"));
        const body = lagHistoryResponseSchema.parse(await lag.json());
        assert.ok(body.points.length > 0 && body.bucketMs === 0, JSON.stringify(body));
        await first.storage.close();

        // A new process on the same directory: the event log and config history come back from the store.
        const second = boot(dir, clock);
        try {
          for (const n of second.nodes) n.scenario = "b-after-switchover";
          await second.poller.runCycle();
          assert.deepEqual(second.cluster.eventLog.entries(), shown);
          assert.deepEqual(second.cluster.configHistory.toArray(), configShown);
          assert.ok(second.cluster.lagSamples.size >= first.cluster.lagSamples.size);
        } finally {
          await second.storage.close();
        }
      } finally {
        installRuntime(null);
        await first.storage.close();
      }
    },
  );

  test(
    "bad query parameters: 400 with a message naming the parameter; unknown cluster 404",
    { timeout: 20_000 },
    async () => {
      const clock = new FakeClock();
      const b = boot(join(root, "params"), clock);
      install(b.cluster, b.poller, b.storage);
      try {
        const cases: [string, RegExp][] = [
          ["kind=leader_changed,nope", /kind must be one or more of leader_changed/],
          ["since=yesterday", /since must be a time in epoch milliseconds/],
          ["limit=0", /limit must be at least 1/],
          ["limit=5000", /limit must be at most 1000/],
          ["since=20&until=10", /since must not be after until/],
          ["colour=red", /colour/],
        ];
        for (const [query, message] of cases) {
          const res = await getEvents(new Request(`http://x/api/events?${query}`));
          assert.equal(res.status, 400, query);
          assert.match(((await res.json()) as { error: string }).error, message, query);
        }
        const missing = await getClusterEvents(
          new Request("http://x/api/clusters/nope/events"),
          params("nope"),
        );
        assert.equal(missing.status, 404);
        const badRange = await getLag(new Request("http://x/api/clusters/lab/lag?range=2h"), params("lab"));
        assert.equal(badRange.status, 400);
        assert.match(
          ((await badRange.json()) as { error: string }).error,
          /range must be one of 1h, 6h, 24h, 7d/,
        );
      } finally {
        installRuntime(null);
        await b.storage.close();
      }
    },
  );

  test(
    "a config change is shown only once committed: not while the write is in flight (regression)",
    { timeout: 30_000 },
    async () => {
      const clock = new FakeClock();
      const b = boot(join(root, "config-commit"), clock);
      const real = b.storage.write.bind(b.storage);
      let hold: { entered: () => void; release: Promise<void> } | null = null;
      b.storage.write = async (batch) => {
        if (hold && batch.events?.some((e) => e.kind === "config_changed")) {
          hold.entered();
          await hold.release;
        }
        return real(batch);
      };
      try {
        const { cycle } = b;
        await cycle("a-healthy");
        await cycle("a-healthy");
        assert.equal(b.cluster.configHistory.size, 0);
        let release!: () => void;
        let entered!: () => void;
        const inWrite = new Promise<void>((resolve) => (entered = resolve));
        hold = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
        // The paused capture's /config has pause: true: a config change, read before the write.
        const running = cycle("d-paused");
        await inWrite;
        assert.equal(b.cluster.configHistory.size, 0, "the change is on screen before it is stored");
        assert.equal(buildDetail(b.cluster, clock.now(), 5000).configHistory.length, 0);
        release();
        await running;
        const shown = b.cluster.configHistory.toArray();
        assert.equal(shown.length, 1);
        assert.ok(
          shown[0]!.changes.some((c) => c.key === "pause"),
          JSON.stringify(shown),
        );
        const stored = await b.storage.events({ kinds: ["config_changed"], limit: 10 });
        assert.deepEqual(
          stored.map((e) => (e.kind === "config_changed" ? { at: e.at, changes: e.diff } : null)),
          shown,
        );
      } finally {
        await b.storage.close();
      }
    },
  );

  test(
    "while writes fail, neither the config change nor the leader change is shown; both once committed",
    { timeout: 30_000 },
    async () => {
      const clock = new FakeClock();
      const b = boot(join(root, "held"), clock);
      let failing = false;
      const real = b.storage.write.bind(b.storage);
      b.storage.write = async (batch) => {
        if (failing) throw new Error("database unreachable");
        return real(batch);
      };
      const original = console.error;
      console.error = () => {};
      try {
        const { cycle } = b;
        await cycle("a-healthy");
        await cycle("a-healthy");
        failing = true;
        // node1 -> node3 on a later timeline, and pause: true in /config.
        await cycle("d-paused");
        await cycle("d-paused");
        assert.equal(b.cluster.configHistory.size, 0, "config change shown uncommitted");
        assert.equal(b.cluster.events.size, 0, "leader change shown uncommitted");
        failing = false;
        await cycle("d-paused");
        assert.equal(b.cluster.configHistory.size, 1);
        assert.deepEqual(
          b.cluster.events.toArray().map((e) => e.kind),
          ["leader_change", "timeline_change"],
        );
        const kinds = (await b.storage.events({ limit: 50 })).map((e) => e.kind);
        for (const kind of ["config_changed", "leader_changed", "paused"] as const)
          assert.ok(kinds.includes(kind), kinds.join(", "));
      } finally {
        console.error = original;
        await b.storage.close();
      }
    },
  );

  test(
    "a failed write shows nothing new; the next cycle commits both batches, then shows them",
    { timeout: 30_000 },
    async () => {
      const clock = new FakeClock();
      const b = boot(join(root, "failing"), clock);
      let failNext = false;
      const real = b.storage.write.bind(b.storage);
      b.storage.write = async (batch) => {
        if (failNext) {
          failNext = false;
          throw new Error("database unreachable");
        }
        return real(batch);
      };
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => errors.push(args);
      try {
        const { cycle } = b;
        await cycle("a-healthy");
        await cycle("a-healthy");
        failNext = true;
        await cycle("b-after-switchover");
        assert.equal(b.cluster.eventLog.entries().length, 0, "nothing shown that is not committed");
        assert.equal((await b.storage.events({ limit: 10 })).length, 0);
        assert.equal(errors.length, 1, "the failure is logged once");
        await cycle("b-after-switchover");
        const kinds = b.cluster.eventLog.entries().map((e) => e.kind);
        assert.ok(kinds.includes("leader_elected"), kinds.join(", "));
        assert.deepEqual(await b.storage.logEntries("lab", 100), b.cluster.eventLog.entries());
        assert.ok((await b.storage.events({ kinds: ["leader_changed"], limit: 10 })).length >= 1);
      } finally {
        console.error = original;
        await b.storage.close();
      }
    },
  );
});
