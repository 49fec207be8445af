import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ClusterDetail } from "@/lib/domain/contracts";
import { apiCluster } from "../support/in-process";
import { getJson, lab, waitFor } from "../support/lab";
import { labActionsDashboard } from "../support/actions-dashboard";

// The guarded actions not covered by actions.test.ts, each against real Patroni: a failover to a
// chosen member, reinitializing a replica, a scheduled switchover and a scheduled restart each
// cancelled again, and a restart "only if pending" both without and with a pending restart. Every
// answer is Patroni's own, and the effect is checked on the nodes themselves.

const real = lab();
const dashboard = labActionsDashboard(real);

// Patroni before 3.0.4 (Debian's 3.0.2 in the lab) reports a streaming replica as "running".
const replicating = (m: ClusterDetail["members"][number]) => m.state === "streaming" || m.state === "running";

const healthy = () =>
  waitFor(
    "a leader, two replicas on its timeline and a ready candidate",
    async () => {
      const d = await apiCluster("lab");
      const replicas = d.members.filter(
        (m) => m.name !== d.leader && replicating(m) && (m.liveTimeline ?? m.timeline) === d.timeline,
      );
      return d.leader && replicas.length === 2 && d.readiness.candidates.length > 0 ? d : null;
    },
    90_000,
    500,
  ).then((r) => r.value);

const member = (d: ClusterDetail, name: string) => d.members.find((m) => m.name === name)!;
/** The member's own /patroni: when its postmaster started tells whether it really restarted. */
async function startedAt(d: ClusterDetail, name: string): Promise<string> {
  const { body } = await getJson(`${member(d, name).apiUrl}`.replace(/\/patroni$/, "") + "/patroni");
  return (body as { postmaster_start_time: string }).postmaster_start_time;
}
/**
 * A postmaster that started after `before`: while PostgreSQL is down /patroni has no start time, which
 * must not pass for a new one.
 */
const restartedSince = (now: string | undefined, before: string) =>
  typeof now === "string" && Date.parse(now) > Date.parse(before);
const inOneHour = () => new Date(Date.now() + 3600_000).toISOString();
const patroniOf = (res: { body: Record<string, unknown> }) =>
  res.body.patroni as { status: number; text: string };

describe("more actions on the real lab", () => {
  test("failover to a chosen member: Patroni fails over to it and the audit follows the outcome", async () => {
    const before = await healthy();
    const candidate = before.readiness.candidates[0]!;
    const res = await dashboard.act("lab", { action: "failover", candidate });
    assert.equal(res.status, 200, res.text);
    assert.match(patroniOf(res).text, new RegExp(`failed over to "${candidate}"`, "i"));
    await waitFor(`${candidate} leading`, async () => (await apiCluster("lab")).leader === candidate, 60_000);
    const { value: outcome } = await waitFor(
      "the failover's outcome in the audit",
      async () =>
        (await dashboard.audit()).find((e) => e.kind === "action_outcome" && e.action === "failover"),
      130_000,
      1000,
    );
    assert.equal(outcome.from, before.leader);
    assert.equal(outcome.to, candidate);
    assert.equal(outcome.completed, true, JSON.stringify(outcome));
    assert.equal((await apiCluster("lab")).timeline, before.timeline! + 1);
  });

  test("reinitialize a replica: Patroni rebuilds it (a new postmaster) and it replicates again", async () => {
    const d = await healthy();
    const replica = d.members.find((m) => m.name !== d.leader)!.name;
    const before = await startedAt(d, replica);
    const res = await dashboard.act("lab", { action: "reinitialize", member: replica });
    assert.equal(res.status, 200, res.text);
    assert.match(patroniOf(res).text, /reinitialize started/);
    await waitFor(
      `${replica} rebuilt and replicating`,
      async () => {
        const now = await apiCluster("lab");
        return replicating(member(now, replica)) && restartedSince(await startedAt(now, replica), before);
      },
      120_000,
      1000,
    );
    const refused = await dashboard.act("lab", { action: "reinitialize", member: d.leader! });
    assert.equal(refused.status, 409, "the leader is refused by the preflight before Patroni is asked");
  });

  test("a scheduled switchover shows on the cluster and is cancelled again", async () => {
    const d = await healthy();
    const candidate = d.readiness.candidates[0]!;
    const res = await dashboard.act("lab", { action: "switchover", candidate, scheduledAt: inOneHour() });
    assert.equal(res.status, 200, res.text);
    assert.equal(patroniOf(res).status, 202);
    assert.match(patroniOf(res).text, /switchover scheduled/i);
    const { value: scheduled } = await waitFor(
      "the scheduled switchover on the cluster",
      async () => (await apiCluster("lab")).scheduledSwitchover,
      30_000,
    );
    assert.equal(scheduled.to, candidate);
    const cancel = await dashboard.act("lab", { action: "cancel-switchover" });
    assert.equal(cancel.status, 200, cancel.text);
    assert.match(patroniOf(cancel).text, /scheduled switchover deleted/);
    await waitFor(
      "no scheduled switchover",
      async () => !(await apiCluster("lab")).scheduledSwitchover,
      30_000,
    );
    const again = await dashboard.act("lab", { action: "cancel-switchover" });
    assert.equal(again.status, 409, "nothing scheduled: refused by the preflight");
    assert.equal((await apiCluster("lab")).leader, d.leader, "the leader never moved");
  });

  test("a scheduled restart shows on the member and is cancelled again; a second cancel is Patroni's 404", async () => {
    const d = await healthy();
    const replica = d.members.find((m) => m.name !== d.leader)!.name;
    const before = await startedAt(d, replica);
    const res = await dashboard.act("lab", { action: "restart", member: replica, scheduledAt: inOneHour() });
    assert.equal(res.status, 200, res.text);
    assert.equal(patroniOf(res).status, 202);
    assert.match(patroniOf(res).text, /restart scheduled/i);
    await waitFor(
      "the scheduled restart on the member",
      async () => member(await apiCluster("lab"), replica).scheduledRestartAt !== null,
      30_000,
    );
    const cancel = await dashboard.act("lab", { action: "cancel-restart", member: replica });
    assert.equal(cancel.status, 200, cancel.text);
    assert.match(patroniOf(cancel).text, /scheduled restart deleted/);
    await waitFor(
      "no scheduled restart",
      async () => member(await apiCluster("lab"), replica).scheduledRestartAt === null,
      30_000,
    );
    const again = await dashboard.act("lab", { action: "cancel-restart", member: replica });
    assert.equal(again.status, 502, again.text);
    assert.equal(patroniOf(again).status, 404);
    assert.match(patroniOf(again).text, /no restarts are scheduled/);
    assert.equal(await startedAt(await apiCluster("lab"), replica), before, "never restarted");
  });

  test("restart only if pending: refused by Patroni without a pending restart, done with one", async () => {
    const d = await healthy();
    const replica = d.members.find((m) => m.name !== d.leader)!.name;
    const before = await startedAt(d, replica);
    const idle = await dashboard.act("lab", { action: "restart", member: replica, pendingOnly: true });
    assert.equal(idle.status, 502, idle.text);
    assert.equal(patroniOf(idle).status, 503);
    assert.match(patroniOf(idle).text, /restart conditions are not satisfied/);
    assert.equal(await startedAt(await apiCluster("lab"), replica), before, "not restarted");

    // max_connections is read only at start: changing it leaves every member with a pending restart.
    const leaderUrl = member(d, d.leader!).apiUrl!.replace(/\/patroni$/, "");
    const { body: config } = await getJson(`${leaderUrl}/config`);
    const max = Number(
      (config as { postgresql?: { parameters?: { max_connections?: number } } }).postgresql?.parameters
        ?.max_connections ?? 100,
    );
    const patch = await fetch(`${leaderUrl}/config`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ postgresql: { parameters: { max_connections: max + 10 } } }),
    });
    assert.equal(patch.status, 200, await patch.text());
    await waitFor(
      `${replica}'s pending restart`,
      async () => member(await apiCluster("lab"), replica).pendingRestart,
      60_000,
    );
    const res = await dashboard.act("lab", { action: "restart", member: replica, pendingOnly: true });
    assert.equal(res.status, 200, res.text);
    assert.match(patroniOf(res).text, /restarted successfully/);
    await waitFor(
      `${replica} restarted without a pending restart`,
      async () => {
        const now = await apiCluster("lab");
        return !member(now, replica).pendingRestart && restartedSince(await startedAt(now, replica), before);
      },
      60_000,
      500,
    );
    const attempts = (await dashboard.audit())
      .filter((e) => e.kind === "action" && e.action === "restart")
      .map((e) => `${String(e.outcome)}:${String(e.patroniStatus)}`);
    assert.deepEqual(attempts.slice(0, 2), ["succeeded:200", "patroni_refused:503"]);
  });
});

describe("editing the dynamic configuration on the real lab", () => {
  test("an admin's PATCH /config reaches Patroni; an operator is refused; a stale base is 409; audited without the config", async () => {
    const d = await healthy();
    const leaderUrl = member(d, d.leader!).apiUrl!.replace(/\/patroni$/, "");
    const before = (d.config?.raw.maximum_lag_on_failover as number | undefined) ?? null;
    const wanted = (before ?? 1048576) + 1048576;
    const change = {
      action: "edit-config",
      config: { maximum_lag_on_failover: wanted },
      base: { maximum_lag_on_failover: before },
    };
    const operator = await dashboard.act("lab", change);
    assert.equal(operator.status, 403, operator.text);
    const stale = await dashboard.act(
      "lab",
      { ...change, base: { maximum_lag_on_failover: (before ?? 0) + 1 } },
      "admin",
    );
    assert.equal(stale.status, 409, stale.text);
    const invalid = await dashboard.act("lab", { ...change, config: { ttl: 5 } }, "admin");
    assert.equal(invalid.status, 400, invalid.text);
    const { body: unchanged } = await getJson(`${leaderUrl}/config`);
    assert.equal((unchanged as Record<string, unknown>).maximum_lag_on_failover, before ?? undefined);

    const res = await dashboard.act("lab", change, "admin");
    assert.equal(res.status, 200, res.text);
    assert.equal(patroniOf(res).status, 200);
    assert.equal(patroniOf(res).text, "configuration updated: maximum_lag_on_failover");
    // Every node serves /config from its own view of the DCS, refreshed by its HA loop (loop_wait 2 s
    // on the lab): the replicas may answer with the old value for a moment after the leader's 200.
    for (const url of real.urls()) {
      await waitFor(
        `${url}/config to carry the new value`,
        async () =>
          ((await getJson(`${url}/config`)).body as Record<string, unknown>).maximum_lag_on_failover ===
          wanted,
        15_000,
      );
    }
    await waitFor(
      "the dashboard to see the new value",
      async () => (await apiCluster("lab")).config?.maximumLagOnFailover === wanted,
      30_000,
    );
    const rows = (await dashboard.audit())
      .filter((e) => e.kind === "action" && e.action === "edit-config")
      .map((e) => `${String(e.user)}:${String(e.outcome)}:${String(e.status)}`);
    assert.deepEqual(rows.slice(0, 4), [
      "ada:succeeded:200",
      "ada:invalid:400",
      "ada:preflight_refused:409",
      "olga:forbidden:403",
    ]);
  });
});
