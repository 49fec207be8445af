import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The test runner itself, run on the deliberately broken files of tests/runner-fixtures: every way a
// file can go wrong must end the run, in bounded time, with a non-zero failed count and exit code.

const BOUND_MS = 30_000;

interface Run {
  code: number | null;
  output: string;
  totals: { passed: number; failed: number; skipped: number } | null;
  ms: number;
}

function runFixture(name: string, env: Record<string, string> = {}): Promise<Run> {
  const results = mkdtempSync(join(tmpdir(), "runner-self-test-"));
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/run-tests.mjs", "runner-fixtures", `/${name}.test.ts`],
      {
        // A broken runner must not hang this test either: execFile kills it (SIGTERM, which run-tests
        // passes on to the process groups it started).
        timeout: BOUND_MS,
        env: {
          ...process.env,
          TEST_RESULTS_DIR: results,
          TEST_FILE_TIMEOUT_MS: "1500",
          TEST_EXIT_GRACE_MS: "1000",
          ...env,
        },
        maxBuffer: 4 << 20,
      },
      (error, stdout, stderr) => {
        let totals: Run["totals"] = null;
        try {
          totals = JSON.parse(readFileSync(join(results, "runner-fixtures.json"), "utf8"));
        } catch {
          totals = null;
        }
        rmSync(results, { recursive: true, force: true });
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, output: `${stdout}\n${stderr}`, totals, ms: Date.now() - started });
      },
    );
  });
}

function assertFailedRun(run: Run, why: RegExp) {
  assert.ok(run.ms < BOUND_MS, `the run ended in bounded time (${run.ms} ms)`);
  assert.equal(run.code, 1, `the run exits 1\n${run.output}`);
  assert.ok(run.totals && run.totals.failed > 0, `the totals count a failure: ${JSON.stringify(run.totals)}`);
  const summary = /runner-fixtures: (\d+) passed, (\d+) failed/.exec(run.output);
  assert.ok(summary, `a summary line\n${run.output}`);
  assert.ok(Number(summary[2]) > 0, `the summary line counts a failure: ${summary[0]}`);
  assert.match(run.output, why);
}

describe("scripts/run-tests.mjs on broken test files", { concurrency: true }, () => {
  test("a clean file gives a clean run (so the failures below are not the runner failing everything)", async () => {
    const run = await runFixture("passing");
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(run.totals, { passed: 1, failed: 0, skipped: 0 });
    assert.match(run.output, /runner-fixtures: 1 passed, 0 failed, 0 skipped/);
  });

  test("a failing test", async () => {
    const run = await runFixture("failing-test");
    assertFailedRun(run, /✖ fails/);
    assert.equal(run.totals?.passed, 1);
  });

  test("a failing after hook inside a describe (reported only on the suite)", async () => {
    const run = await runFixture("failing-hook");
    assertFailedRun(run, /the after hook failed/);
  });

  test("process.exit(0) in the middle of a file", async () => {
    const run = await runFixture("exit-zero");
    assertFailedRun(run, /exit-zero\.test\.ts: no result/);
  });

  test("a test that never ends, with a timer left running", async () => {
    const run = await runFixture("hanging");
    assertFailedRun(run, /timed out after 1500ms/);
  });

  test("a test that blocks its process (no timeout inside it can fire)", async () => {
    const run = await runFixture("blocking", { TEST_SILENCE_MS: "2500" });
    assertFailedRun(run, /no output for 2500 ms/);
  });

  test("passing tests that leave a timer running (the process never exits)", async () => {
    const run = await runFixture("leaked-timer");
    assertFailedRun(run, /still running 1000 ms after the tests ended: 1 × Timeout/);
  });
});
