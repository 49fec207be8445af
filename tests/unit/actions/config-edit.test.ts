import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  applyPatch,
  baseHolds,
  configPatch,
  editableConfig,
  patchBase,
  patchChanges,
  validateConfigPatch,
} from "@/lib/domain/config-edit";

// The configuration editor's arithmetic: the PATCH body from the shown and the edited configuration,
// Patroni's merge semantics, the base the concurrency check compares, and the validator's refusals.

const shown = {
  ttl: 30,
  loop_wait: 10,
  retry_timeout: 10,
  pause: false,
  postgresql: { use_pg_rewind: true, parameters: { max_connections: 100, wal_level: "replica" } },
};

describe("configuration patch", () => {
  test("only what changed; a removed key is null; nested objects merge; pause is not shown", () => {
    const before = editableConfig(shown);
    assert.equal("pause" in before, false);
    const after = {
      ttl: 40,
      retry_timeout: 10,
      postgresql: { use_pg_rewind: true, parameters: { max_connections: 200, wal_level: "replica" } },
      synchronous_mode: true,
    };
    const patch = configPatch(before, after);
    assert.deepEqual(patch, {
      ttl: 40,
      loop_wait: null,
      postgresql: { parameters: { max_connections: 200 } },
      synchronous_mode: true,
    });
    assert.deepEqual(applyPatch(before, patch), after);
    assert.deepEqual(configPatch(before, structuredClone(before)), {});
    assert.deepEqual(
      patchChanges(before, patch).map((c) => `${c.key}:${c.kind}`),
      [
        "loop_wait:removed",
        "postgresql.parameters.max_connections:changed",
        "synchronous_mode:added",
        "ttl:changed",
      ],
    );
  });

  test("the base records each patched leaf as it was; it holds until one of them changes", () => {
    const patch = { ttl: 40, postgresql: { parameters: { max_connections: 200 } }, slots: null };
    const base = patchBase(shown, patch);
    assert.deepEqual(base, { ttl: 30, "postgresql.parameters.max_connections": 100, slots: null });
    assert.equal(baseHolds(shown, base), true);
    assert.equal(baseHolds({ ...shown, loop_wait: 5 }, base), true, "an untouched key may change meanwhile");
    assert.equal(baseHolds({ ...shown, ttl: 35 }, base), false);
    assert.equal(baseHolds({ ...shown, postgresql: { parameters: { max_connections: 150 } } }, base), false);
  });
});

describe("validation", () => {
  const check = (patch: Record<string, unknown>) =>
    validateConfigPatch(patch, applyPatch(shown, patch)).map((p) => `${p.code}:${p.key}`);

  test("accepts a sound change", () => {
    assert.deepEqual(check({ ttl: 40, postgresql: { parameters: { max_connections: 200 } } }), []);
  });

  test("refuses what Patroni would refuse or cannot be meant", () => {
    assert.deepEqual(check({}), ["empty:"]);
    assert.deepEqual(check({ pause: true, scope: "x" }), ["not_editable:pause", "not_editable:scope"]);
    assert.deepEqual(check({ ttl: "30" }), ["not_a_count:ttl"]);
    assert.deepEqual(check({ retry_timeout: 2 }), ["below_minimum:retry_timeout"]);
    assert.deepEqual(check({ ttl: 19 }), ["below_minimum:ttl", "loop_wait_too_long:loop_wait"]);
    assert.deepEqual(
      check({ ttl: 20 }),
      ["loop_wait_too_long:loop_wait"],
      "20 is allowed, but 10 + 2×10 > 20",
    );
    assert.deepEqual(check({ failsafe_mode: "yes" }), ["not_a_flag:failsafe_mode"]);
    assert.deepEqual(check({ synchronous_mode: "on" }), ["bad_synchronous_mode:synchronous_mode"]);
    assert.deepEqual(check({ synchronous_mode: "quorum" }), []);
    assert.deepEqual(check({ standby_cluster: { password: "(redacted)" } }), [
      "redacted_value:standby_cluster.password",
    ]);
    assert.deepEqual(check({ postgresql: { parameters: { shared_buffers: { a: 1 } } } }), [
      "bad_parameter:postgresql.parameters.shared_buffers",
    ]);
    assert.deepEqual(check({ loop_wait: 11 }), ["loop_wait_too_long:loop_wait"], "11 + 2×10 > 30");
    assert.deepEqual(check({ loop_wait: 10 }), [], "10 + 2×10 = 30: the boundary holds");
  });
});
