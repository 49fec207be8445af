// A node:test reporter for scripts/run-tests.mjs: keeps the file named by $TEST_TOTALS_FILE holding the
// totals so far, one JSON line {passed, failed, skipped, files, ended}. It writes synchronously after
// every result, so the totals survive a process that is made to exit (--test-force-exit) or dies; `ended`
// turns true only with the result of the entry's last test (LAST_TEST), and `files` lists the outermost suites that ended
// (scripts/test-entry.mjs makes one per test file), so run-tests can tell which files never reported.
// Tests are counted one each. A suite (describe block) counts only when it fails for its own reason (a
// failing before/after hook, a timeout, a throwing body): a suite whose tests failed is already
// counted by those tests.
import { writeFileSync } from "node:fs";

/** The name of the test scripts/test-entry.mjs runs after every file: its result closes the run. */
export const LAST_TEST = "every server, poller, timer and child process the files started was stopped";

export default async function* countReporter(source) {
  const path = process.env.TEST_TOTALS_FILE;
  if (!path) throw new Error("count-reporter: TEST_TOTALS_FILE is not set");
  const totals = { passed: 0, failed: 0, skipped: 0, files: [], ended: false };
  const save = () => writeFileSync(path, `${JSON.stringify(totals)}\n`);
  save();
  for await (const event of source) {
    const { data } = event;
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    if (data.details?.type === "suite") {
      if (data.nesting === 0) totals.files.push(data.name);
      if (event.type === "test:fail" && data.details.error?.failureType !== "subtestsFailed") {
        totals.failed += 1;
      }
    } else if (data.nesting === 0 && data.name === LAST_TEST) {
      // A check on the process, not a test of the project: it counts only when it fails.
      if (event.type === "test:fail") totals.failed += 1;
      totals.ended = true;
    } else if (data.skip || data.todo) totals.skipped += 1;
    else if (event.type === "test:pass") totals.passed += 1;
    else totals.failed += 1;
    save();
  }
  yield "";
}
