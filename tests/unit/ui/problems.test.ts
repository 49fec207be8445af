import { test } from "node:test";
import assert from "node:assert/strict";
import { groupProblems } from "@/lib/domain/problems";
import { detailFromFixtures } from "../../support/detail";

test("the same problem on several members is one group naming them, in first-seen order", () => {
  const detail = detailFromFixtures("patroni-4", ["g-pending-restart"]);
  assert.deepEqual(groupProblems(detail.problems), [{ code: "pending_restart", severity: "info", members: ["node1", "node2", "node3"], detail: "max_connections" }]);
});

test("different details or severities stay apart; cluster-wide problems name no member", () => {
  const groups = groupProblems([
    { code: "no_leader", severity: "critical", member: null, detail: null },
    { code: "node_unreachable", severity: "critical", member: "a", detail: "refused" },
    { code: "node_unreachable", severity: "critical", member: "b", detail: "timeout" },
    { code: "paused", severity: "warning", member: null, detail: null },
  ]);
  assert.deepEqual(groups.map((g) => `${g.code}:${g.members.join(",")}`), ["no_leader:", "node_unreachable:a", "node_unreachable:b", "paused:"]);
});
