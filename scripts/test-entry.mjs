// Runs several test files in this one process (started by scripts/run-tests.mjs): one tsx start-up for
// many files instead of one per file. Each file becomes a suite named by its path, with a timeout; the
// tests in it inherit that timeout, so no test and no file can hang the process.
// Usage: node --import ./scripts/register.mjs [reporters] scripts/test-entry.mjs <file>...
// TEST_FILE_TIMEOUT_MS sets the timeout (milliseconds) of each file and each of its tests.
import { after, describe, test } from "node:test";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { LAST_TEST } from "./count-reporter.mjs";

const files = process.argv.slice(2);
const timeout = Number(process.env.TEST_FILE_TIMEOUT_MS) || 60_000;
const finished = new Set();
const exitGrace = Number(process.env.TEST_EXIT_GRACE_MS) || 10_000;
const baseline = countResources();
// Process-wide teardown a support module registers once for all the files it serves (such as the
// global document of tests/support/dom.ts): run before the leak check below.
const teardowns = [];
globalThis[Symbol.for("run-tests.teardown")] = teardowns;

// A test that calls process.exit() ends every file in this process, with whatever code it chose: name
// the files that did not finish and make sure the exit code says the run failed.
process.on("exit", (code) => {
  const unfinished = files.filter((file) => !finished.has(file));
  if (unfinished.length === 0) return;
  process.stderr.write(
    `\n✖ the test process exited (code ${code}) before these files finished: ${unfinished.join(", ")}\n`,
  );
  process.exitCode = 1;
});

for (const file of files) {
  describe(file, { timeout }, async () => {
    after(() => finished.add(file));
    await import(pathToFileURL(resolve(file)).href);
  });
}

// The process runs with --test-force-exit, so a server, poller, browser or timer a file forgot to stop
// cannot keep it alive; this last test makes such a leak a failure instead of going unnoticed.
test(LAST_TEST, async () => {
  for (const teardown of teardowns.splice(0)) await teardown();
  const deadline = Date.now() + exitGrace;
  let extra = leaked();
  while (extra.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    extra = leaked();
  }
  if (extra.length > 0) {
    throw new Error(`still running ${exitGrace} ms after the tests ended: ${extra.join(", ")}`);
  }
});

function countResources() {
  const counts = new Map();
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function leaked() {
  const extra = [];
  for (const [kind, count] of countResources()) {
    const more = count - (baseline.get(kind) ?? 0);
    if (more > 0) extra.push(`${more} × ${kind}`);
  }
  return extra;
}
