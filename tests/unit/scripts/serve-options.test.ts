import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

// scripts/serve.mjs refuses a bad setting at once, with a message naming it, before it loads the app.

function serve(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ["scripts/serve.mjs", ...args], {
    env: { ...process.env, PORT: "", ...env },
    encoding: "utf8",
    timeout: 10_000,
  });
}

describe("serve.mjs settings", () => {
  test("a port that is not a whole number from 0 to 65535", { timeout: 15_000 }, () => {
    const res = serve(["--port", "80000"]);
    assert.equal(res.status, 1);
    assert.match(res.stderr, /port must be a whole number from 0 to 65535, got "80000"/);
  });

  // "3000000" (35 days) regression: past Node's longest timer it would have run every millisecond.
  for (const value of ["five minutes", "-1", "3000000"])
    test(`HEAP_COMPACT_INTERVAL_S="${value}"`, { timeout: 15_000 }, () => {
      const res = serve(["--port", "0"], { HEAP_COMPACT_INTERVAL_S: value });
      assert.equal(res.status, 1);
      assert.match(
        res.stderr,
        new RegExp(`HEAP_COMPACT_INTERVAL_S must be a number of seconds \\(0 = never\\), got "${value}"`),
      );
    });
});
