import { describe, test, after } from "node:test";
import assert from "node:assert/strict";

describe("a clean file", () => {
  const timer = setInterval(() => {}, 1000);
  after(() => clearInterval(timer));
  test("passes", () => assert.equal(1 + 1, 2));
});
