import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { apiCluster } from "../support/in-process";
import { lab, waitFor } from "../support/lab";
import { labActionsDashboard } from "../support/actions-dashboard";

// Guarded actions against a real Patroni cluster: an operator's switchover to a chosen replica goes
// through Patroni's REST API, the cluster really changes leader, and the audit in the real SQLite
// store records the attempt and the followed outcome; pause and resume likewise.

const real = lab();
const dashboard = labActionsDashboard(real);

describe("actions on the real lab", () => {
  test("an operator's switchover to a chosen replica: the leader moves and the audit records the outcome", async () => {
    const { value: before } = await waitFor(
      "a leader and a ready replica",
      async () => {
        const d = await apiCluster("lab");
        return d.leader && d.readiness.candidates.length > 0 && d.members.length === 3 ? d : null;
      },
      60_000,
    );
    const candidate = before.readiness.candidates[0]!;
    const res = await dashboard.act("lab", { action: "switchover", candidate });
    assert.equal(res.status, 200, res.text);
    const patroni = res.body.patroni as { status: number; text: string };
    assert.equal(patroni.status, 200);
    assert.match(patroni.text, new RegExp(`switched over.*${candidate}`, "i"));
    const { ms } = await waitFor(
      `${candidate} leading`,
      async () => (await apiCluster("lab")).leader === candidate,
      60_000,
    );
    console.log(`# switchover: ${candidate} seen leading ${ms} ms after Patroni answered`);
    const { value: outcome } = await waitFor(
      "the outcome in the audit",
      async () => (await dashboard.audit()).find((e) => e.kind === "action_outcome"),
      130_000,
      1000,
    );
    assert.equal(outcome.to, candidate);
    assert.equal(outcome.from, before.leader);
    assert.equal(outcome.completed, true, JSON.stringify(outcome));
    console.log(`# switchover outcome checks (ms after the request): ${JSON.stringify(outcome.checks)}`);
    const attempt = (await dashboard.audit()).find((e) => e.kind === "action" && e.action === "switchover");
    assert.equal(attempt?.outcome, "succeeded");
    assert.equal(attempt?.user, "olga");
    assert.equal(attempt?.patroniStatus, 200);
    assert.equal(attempt?.candidate, candidate);
    const after = await apiCluster("lab");
    assert.equal(after.timeline, before.timeline! + 1);
  });

  test("pause and resume through PATCH /config", async () => {
    const paused = await dashboard.act("lab", { action: "pause" });
    assert.equal(paused.status, 200, paused.text);
    await waitFor("paused", async () => (await apiCluster("lab")).paused, 30_000);
    const again = await dashboard.act("lab", { action: "pause" });
    assert.equal(again.status, 409, "already paused: refused by the preflight");
    const resumed = await dashboard.act("lab", { action: "resume" });
    assert.equal(resumed.status, 200, resumed.text);
    await waitFor("resumed", async () => !(await apiCluster("lab")).paused, 30_000);
    const outcomes = (await dashboard.audit())
      .filter((e) => e.kind === "action")
      .map((e) => `${e.action}:${e.outcome}`);
    assert.deepEqual(outcomes.slice(0, 3), [
      "resume:succeeded",
      "pause:preflight_refused",
      "pause:succeeded",
    ]);
  });
});
