import { describe, test, after } from "node:test";
import assert from "node:assert/strict";

// node:test reports a failing `after` hook only on the suite, never on a test.
describe("a suite whose after hook fails", () => {
  test("passes", () => assert.ok(true));
  after(() => {
    throw new Error("the after hook failed");
  });
});
