#!/usr/bin/env node
// Runs one suite of tests (tests/<suite>/**/*.test.ts[x]) with node's own test runner.
// Usage: node scripts/run-tests.mjs <unit|integration|e2e|…> [file filter]
// Prints the spec report and one line of totals; writes the totals to $TEST_RESULTS_DIR/<suite>.json
// (default .test-results/) for scripts/test-all.sh. Exits non-zero when anything failed.
//
// Files run in few processes (scripts/test-entry.mjs): the unit files share one process per core; a
// file whose first lines say `// test-process: <name>` shares a process only with files naming the same
// process (for tests that install globals, such as a DOM). Integration and browser files share one real
// cluster, so each runs alone in its own process, one at a time.
//
// Nothing can hang or go uncounted:
//   - each file and each test has a timeout (TEST_FILE_TIMEOUT_MS; per suite defaults below);
//   - a process that prints nothing for longer than that timeout plus a margin (or TEST_SILENCE_MS) is
//     killed with its whole process group, and its unfinished files count as failed;
//   - a server, poller, timer or child process still running TEST_EXIT_GRACE_MS after a process's
//     files ended fails its last test (scripts/test-entry.mjs), and a process still alive that long
//     after writing its totals is killed and counts one failure;
//   - a file that never reported (the process exited or died first) counts as failed;
//   - a non-zero exit with nothing counted as failed counts one failure.
import { spawn } from "node:child_process";
import { availableParallelism, tmpdir } from "node:os";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [suite, filter] = process.argv.slice(2);
if (!suite) {
  console.error("usage: node scripts/run-tests.mjs <suite> [filter]");
  process.exit(2);
}

// Per-file (and per-test) timeouts: the integration and browser files start a real cluster or a browser.
const defaultTimeouts = { unit: 60_000, integration: 600_000, e2e: 600_000 };
const fileTimeout = Number(process.env.TEST_FILE_TIMEOUT_MS) || defaultTimeouts[suite] || 60_000;
const exitGrace = Number(process.env.TEST_EXIT_GRACE_MS) || 10_000;
const silenceLimit =
  Number(process.env.TEST_SILENCE_MS) || fileTimeout + Math.max(5_000, Math.min(30_000, fileTimeout / 2));
const shared = suite !== "integration" && suite !== "e2e";

const root = join("tests", suite);
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (/\.test\.tsx?$/.test(entry.name) && (!filter || path.includes(filter))) files.push(path);
  }
};
if (existsSync(root)) walk(root);
files.sort();
if (files.length === 0) {
  console.error(`no test files under ${root}${filter ? ` matching ${filter}` : ""}`);
  process.exit(1);
}

const resultsDir = process.env.TEST_RESULTS_DIR || ".test-results";
mkdirSync(resultsDir, { recursive: true });
const totalsFile = join(resultsDir, `${suite}.json`);
rmSync(totalsFile, { force: true });
const partsDir = mkdtempSync(join(tmpdir(), `run-tests-${suite}-`));

/** Groups of files, each run in one process. */
function plan() {
  if (!shared) return files.map((file) => [file]);
  const named = new Map();
  const rest = [];
  for (const file of files) {
    const head = readFileSync(file, "utf8").slice(0, 2000);
    const name = /^\/\/ test-process: *(\S+)/m.exec(head)?.[1];
    if (name) named.set(name, [...(named.get(name) ?? []), file]);
    else rest.push(file);
  }
  const jobs = availableParallelism();
  const groups = Array.from({ length: Math.min(jobs, rest.length) }, () => ({ size: 0, files: [] }));
  // Largest first into the lightest group: the groups end at about the same time.
  const sized = rest
    .map((file) => ({ file, size: readFileSync(file).length }))
    .sort((a, b) => b.size - a.size);
  for (const { file, size } of sized) {
    const lightest = groups.reduce((a, b) => (b.size < a.size ? b : a));
    lightest.files.push(file);
    lightest.size += size;
  }
  // The small named groups last: they go to whichever process slot frees first.
  return [...groups.map((g) => g.files.sort()), ...named.values()].filter((g) => g.length > 0);
}

const running = new Set();
const killGroup = (child) => {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    for (const child of running) killGroup(child);
    process.exit(1);
  });
}

function runGroup(group, index, live) {
  const part = join(partsDir, `${index}.json`);
  const args = [
    "--import",
    join(here, "register.mjs"),
    // The leak check at the end of scripts/test-entry.mjs fails the run if anything is left running.
    "--test-force-exit",
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    `--test-reporter=${join(here, "count-reporter.mjs")}`,
    "--test-reporter-destination=/dev/null", // it writes $TEST_TOTALS_FILE itself
    join(here, "test-entry.mjs"),
    ...group,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        // Set when this runner is itself started by `node --test` (its self-test): the child would then
        // talk node's internal child protocol instead of printing its report.
        NODE_TEST_CONTEXT: undefined,
        TEST_FILE_TIMEOUT_MS: String(fileTimeout),
        TEST_EXIT_GRACE_MS: String(exitGrace),
        TEST_TOTALS_FILE: part,
        // A runtime a test starts in process keeps its history here, never in the repository's ./data.
        DATA_DIR: process.env.DATA_DIR ?? join(partsDir, "data"),
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: a kill takes the servers and browsers it started too
    });
    running.add(child);
    const output = [];
    const problems = [];
    const emit = (stream) => (chunk) => {
      if (live) stream.write(chunk);
      else output.push([stream, chunk]);
      lastOutput = Date.now();
    };
    let lastOutput = Date.now();
    let endedAt = null;
    let killed = false;
    child.stdout.on("data", emit(process.stdout));
    child.stderr.on("data", emit(process.stderr));
    const watchdog = setInterval(() => {
      if (endedAt === null && readTotals(part)?.ended) endedAt = Date.now();
      if (endedAt !== null && Date.now() - endedAt > exitGrace) {
        problems.push(
          `the process was still running ${exitGrace} ms after its tests ended (a server, poller or timer left running): killed`,
        );
        killed = true;
        killGroup(child);
      } else if (endedAt === null && Date.now() - lastOutput > silenceLimit) {
        problems.push(`no output for ${silenceLimit} ms (a hang the test timeouts did not end): killed`);
        killed = true;
        killGroup(child);
      }
    }, 250);
    child.on("close", (code, signal) => {
      clearInterval(watchdog);
      running.delete(child);
      for (const [stream, chunk] of output) stream.write(chunk);
      const reported = readTotals(part);
      if (reported && !reported.ended) problems.push("the test runner in the process never finished its run");
      const totals = {
        passed: reported?.passed ?? 0,
        failed: reported?.failed ?? 0,
        skipped: reported?.skipped ?? 0,
      };
      const unreported = group.filter((file) => !reported?.files.includes(file));
      for (const file of unreported)
        problems.push(`${file}: no result (its process ended before the file did)`);
      totals.failed += unreported.length;
      if (killed || (reported && !reported.ended)) totals.failed += 1;
      if ((code !== 0 || signal) && totals.failed === 0) {
        problems.push(`the process exited with ${signal ?? `code ${code}`} though no test failed`);
        totals.failed = 1;
      }
      for (const problem of problems) console.log(`✖ ${problem}`);
      done(totals);
    });
  });
}

function readTotals(path) {
  try {
    const text = readFileSync(path, "utf8");
    return text.endsWith("\n") ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

const started = Date.now();
const groups = plan();
const concurrency = shared ? availableParallelism() : 1;
const results = [];
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(concurrency, groups.length) }, async () => {
    while (next < groups.length) {
      const index = next++;
      results.push(await runGroup(groups[index], index, concurrency === 1 || groups.length === 1));
    }
  }),
);
rmSync(partsDir, { recursive: true, force: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const r of results) for (const key of Object.keys(totals)) totals[key] += r[key];
writeFileSync(totalsFile, `${JSON.stringify(totals)}\n`);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(
  `${suite}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped ` +
    `(${files.length} files in ${groups.length} processes, ${seconds} s)`,
);
process.exit(totals.failed > 0 ? 1 : 0);
