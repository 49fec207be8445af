import { test } from "node:test";
import assert from "node:assert/strict";

test("passes", () => assert.ok(true));
test("exits the process with code 0 before the file ends", () => {
  process.exit(0);
});
test("never runs", () => assert.ok(true));
