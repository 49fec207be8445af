import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { jsonDepth, MAX_JSON_DEPTH } from "@/lib/server/patroni/json-depth";

const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("jsonDepth", () => {
  test("counts nesting of arrays and objects", () => {
    assert.equal(jsonDepth("1"), 0);
    assert.equal(jsonDepth('{"a": [1, {"b": {}}]}'), 4);
  });

  test("brackets inside strings (and escaped quotes) do not count", () => {
    assert.equal(jsonDepth('{"a": "[[[{{{", "b": "\\"[[["}'), 1);
  });

  test("boundary: the limit itself is accepted, one more level is reported as deeper", () => {
    assert.equal(jsonDepth(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH);
    assert.ok(jsonDepth(nested(MAX_JSON_DEPTH + 1)) > MAX_JSON_DEPTH);
  });

  test("stops early on a huge nesting (5,000 levels) without recursion", () => {
    assert.equal(jsonDepth(nested(5000)), MAX_JSON_DEPTH + 1);
  });
});
