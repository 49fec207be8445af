import { test } from "node:test";
import assert from "node:assert/strict";
import { outcomeChecklist } from "@/lib/domain/actions";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock } from "../../support/fake-clock";
import { FakeNode } from "../../support/fake-node";

// The outcome checklist on what real Patroni 4 answered right after a switchover (node1 → node2),
// polled through the real client path: the regression that "others stream" never held on the lab.

for (const version of ["patroni-4", "patroni-3.0.2"])
  test(`${version}: after the captured switchover every check holds`, async () => {
    const clock = new FakeClock(Date.now());
    const nodes = [1, 2, 3].map(
      (i) => new FakeNode(clock, `http://127.0.0.1:${8107 + i}`, version, "b-after-switchover", `node${i}`),
    );
    const cluster = new ClusterState(
      "lab",
      0,
      nodes.map((n) => n.asClient()),
      50,
    );
    const poller = new Poller([cluster], { intervalMs: 5000, slowIntervalMs: 30000, clock });
    await poller.runCycle();
    await poller.runCycle();
    const detail = buildDetail(cluster, clock.now(), 5000);
    const list = outcomeChecklist({ leader: "node1", timeline: 1, candidate: "node2" }, detail);
    assert.deepEqual(
      list.checks,
      { new_leader: true, timeline_up: true, others_stream: true, old_leader_rejoined: true },
      JSON.stringify(
        detail.members.map((m) => [m.name, m.role, m.state, m.timeline, m.liveTimeline, m.inDcs]),
      ),
    );
  });
