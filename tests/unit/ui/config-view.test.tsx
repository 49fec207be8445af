import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigView } from "@/components/cluster/config-view/config-view";
import { otherConfigKeys, postgresParameters } from "@/components/cluster/config-view/config-keys";
import { byTestId, one, render } from "../../support/render";
import { INTERVAL, pipeline, SLOW } from "../../support/capture-pipeline";

// The config view from the real captures' /config, and the history of what changed, seen by the real
// poller across two captures (a-healthy, then g-pending-restart with max_connections raised).

const setting = (html: string, key: string) =>
  byTestId(html, "config-setting").find((r) => r.attrs["data-key"] === key)?.text;

describe("config view", () => {
  test("4.1.4 a-healthy: the failover settings with what they do, and the PostgreSQL parameters", async () => {
    const d = await pipeline("patroni-4", "a-healthy").run("a-healthy");
    const html = render(<ConfigView detail={d} mounted={false} />);
    assert.ok(one(html, "config-view"));
    assert.match(setting(html, "ttl")!, /^ttl 20 s How long the leader lock lives/);
    assert.match(setting(html, "loop_wait")!, /^loop_wait 2 s /);
    assert.match(setting(html, "retry_timeout")!, /^retry_timeout 5 s /);
    assert.match(
      setting(html, "maximum_lag_on_failover")!,
      /^maximum_lag_on_failover 1 MB \(1,048,576 bytes\) A replica further behind/,
    );
    assert.match(setting(html, "synchronous_mode")!, /^synchronous_mode on /);
    assert.match(setting(html, "synchronous_mode_strict")!, /^synchronous_mode_strict off /);
    assert.match(setting(html, "synchronous_node_count")!, /^synchronous_node_count 1 \(default\) /);
    assert.match(setting(html, "failsafe_mode")!, /^failsafe_mode off /);
    assert.match(setting(html, "pause")!, /^pause off Maintenance mode/);
    const params = byTestId(html, "config-parameter").map((r) => r.text);
    assert.deepEqual(params, [
      "hot_standby on",
      "max_connections 100",
      "max_replication_slots 10",
      "max_wal_senders 10",
      "shared_buffers 32MB",
      "wal_keep_size 128MB",
      "wal_level replica",
      "wal_log_hints on",
    ]);
    const others = byTestId(html, "config-other").map((r) => r.attrs["data-key"]);
    assert.deepEqual(others, [
      "postgresql.remove_data_directory_on_diverged_timelines",
      "postgresql.remove_data_directory_on_rewind_failure",
      "postgresql.use_pg_rewind",
      "postgresql.use_slots",
    ]);
    assert.match(
      byTestId(html, "config-other").find((r) => r.attrs["data-key"] === "postgresql.use_pg_rewind")!.text,
      /true An old leader is rewound with pg_rewind/,
    );
    assert.equal(byTestId(html, "config-change").length, 0);
    assert.match(html, /No change seen since the dashboard started watching/);
  });

  test("3.0.2: max_connections 100 → 110 appears in the history, with its time once mounted", async () => {
    const p = pipeline("patroni-3.0.2", "a-healthy", { start: Date.now() - SLOW - INTERVAL });
    await p.run("a-healthy");
    await p.clock.advance(SLOW);
    const d = await p.run("g-pending-restart");
    const html = render(<ConfigView detail={d} mounted={false} />);
    const [change] = byTestId(html, "config-change");
    assert.deepEqual(
      [change!.attrs["data-key"], change!.attrs["data-kind"]],
      ["postgresql.parameters.max_connections", "changed"],
    );
    assert.match(change!.text, /^… postgresql\.parameters\.max_connections changed 100 → 110$/);
    assert.match(
      byTestId(html, "config-parameter").find((r) => r.attrs["data-key"] === "max_connections")!.text,
      /110/,
    );
    const vi = render(<ConfigView detail={d} mounted={false} />, "vi");
    assert.match(byTestId(vi, "config-change")[0]!.text, /đổi 100 → 110/);
    assert.match(one(vi, "config-view").text, /Thay đổi gì, khi nào/);
  });

  test("no /config yet: says so, and still shows the (empty) history", () => {
    const html = render(<ConfigView detail={{ config: null, configHistory: [] }} mounted={false} />);
    assert.match(one(html, "config-view").text, /\/config has not been read yet/);
  });

  test("raw keys: parameters apart, nested keys dotted, arrays kept whole, settings not repeated", () => {
    const raw = {
      ttl: 30,
      pause: true,
      postgresql: {
        parameters: { work_mem: "4MB" },
        pg_hba: ["host all all 0.0.0.0/0 md5"],
        use_slots: false,
      },
      slots: { s1: { type: "physical" } },
      standby_cluster: {},
    };
    assert.deepEqual(postgresParameters(raw), [["work_mem", "4MB"]]);
    assert.deepEqual(otherConfigKeys(raw), [
      ["postgresql.pg_hba", ["host all all 0.0.0.0/0 md5"]],
      ["postgresql.use_slots", false],
      ["slots.s1.type", "physical"],
      ["standby_cluster", {}],
    ]);
  });
});
