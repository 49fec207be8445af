#!/usr/bin/env node
// Runs one suite of tests (tests/<suite>/**/*.test.ts[x]) with node's own test runner.
// Usage: node scripts/run-tests.mjs <unit|integration|e2e> [file filter]
// Prints the spec report; writes totals to .test-results/<suite>.json for scripts/test-all.sh.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

const [suite, filter] = process.argv.slice(2);
if (!suite) {
  console.error("usage: node scripts/run-tests.mjs <suite> [filter]");
  process.exit(2);
}
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

mkdirSync(".test-results", { recursive: true });
const totalsFile = join(".test-results", `${suite}.json`);
// Integration and browser suites share one real cluster: run their files one at a time.
const serial = suite !== "unit";
const args = [
  "--import",
  "./scripts/register.mjs",
  "--test",
  ...(serial ? ["--test-concurrency=1"] : []),
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  "--test-reporter=./scripts/count-reporter.mjs",
  `--test-reporter-destination=${totalsFile}`,
  ...files,
];
const run = spawnSync(process.execPath, args, { stdio: "inherit", env: process.env });
let totals = { passed: 0, failed: 0, skipped: 0 };
try {
  totals = JSON.parse(readFileSync(totalsFile, "utf8"));
} catch {
  totals.failed = 1; // the runner died before reporting: count the suite as failed
}
if (run.status !== 0 && totals.failed === 0) totals.failed = 1;
console.log(`${suite}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
