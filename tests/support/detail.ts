import { clusterDetailSchema, memberSchema, type ClusterDetail, type Member } from "@/lib/domain/contracts";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import {
  normaliseCluster,
  normaliseConfig,
  normaliseHistory,
  normaliseStatus,
} from "@/lib/server/patroni/normalise";
import {
  clusterSchema,
  configSchema,
  historySchema,
  patroniStatusSchema,
} from "@/lib/server/patroni/schemas";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { chooseDcsView, leaderOf } from "@/lib/domain/observations";
import { buildDetail } from "@/lib/server/store/view";
import { readCapture } from "./fixtures";

// ClusterDetail values for UI tests: either the real thing, built by the real store and view from the
// real captures (detailFromFixtures), or a hand-made one with sensible defaults (makeDetail).
// Both are checked against the API contract, so a widget test never feeds a shape the API can't send.

export const POLL_MS = 5_000;
/** An arbitrary fixed "now" for the tests: 2026-11-25T19:30:00Z. */
export const T0 = Date.UTC(2026, 10, 25, 19, 30, 0);

export type FixtureVersion = "patroni-3.0.2" | "patroni-4";
const NODES = ["node1", "node2", "node3"] as const;

function portsOf(version: FixtureVersion): number[] {
  return version === "patroni-4" ? [8108, 8109, 8110] : [8008, 8009, 8010];
}

function makeState(version: FixtureVersion, name = "lab"): ClusterState {
  const clients = portsOf(version).map(
    (port) =>
      new PatroniHttpClient({
        url: `http://127.0.0.1:${port}`,
        auth: null,
        tls: null,
        timeoutMs: 2500,
        maxBodyBytes: 1 << 20,
      }),
  );
  return new ClusterState(name, 0, clients, 60);
}

/** Records one scenario's captures as one poll cycle at time `at` (a node whose capture failed is refused). */
export function recordScenario(
  state: ClusterState,
  version: FixtureVersion,
  scenario: string,
  at: number,
): void {
  NODES.forEach((node, index) => {
    const record = state.nodes[index]!;
    const status = readCapture(version, scenario, node, "patroni.json");
    if (status.status === null || status.body === null) {
      state.recordFailure(
        record,
        {
          kind: "refused",
          message: `${record.url}: connection refused (is Patroni running there?)`,
          status: null,
        },
        at,
      );
      return;
    }
    const cluster = readCapture(version, scenario, node, "cluster.json");
    const dcs = cluster.status === 200 ? normaliseCluster(clusterSchema.parse(cluster.body)) : null;
    state.recordSuccess(record, normaliseStatus(patroniStatusSchema.parse(status.body)), dcs, at, 4);
  });
  const answering = NODES.find((node) => readCapture(version, scenario, node, "history.json").status === 200);
  if (answering) {
    state.history = normaliseHistory(
      historySchema.parse(readCapture(version, scenario, answering, "history.json").body),
    );
    state.config = normaliseConfig(
      configSchema.parse(readCapture(version, scenario, answering, "config.json").body),
    );
  }
  const view = chooseDcsView(state.dcsObservations(), at, POLL_MS);
  state.recordLeader(
    view ? leaderOf(view) : null,
    state.nodes.find((n) => n.status?.role === "primary")?.status?.timeline ?? null,
    at,
  );
}

/**
 * The API's detail after recording each scenario in turn, 30 s apart (so an earlier scenario's
 * /cluster views are no longer fresh), viewed 1 s after the last one.
 */
export function detailFromFixtures(
  version: FixtureVersion,
  scenarios: string[],
  name = "lab",
): ClusterDetail {
  const state = makeState(version, name);
  let at = T0 - scenarios.length * 30_000;
  for (const scenario of scenarios) {
    at += 30_000;
    recordScenario(state, version, scenario, at);
  }
  return clusterDetailSchema.parse(buildDetail(state, at + 1_000, POLL_MS));
}

/**
 * One store, the scenarios recorded in turn 30 s apart, and the API's detail after EACH of them: the
 * successive views a poller would have seen (for event derivations). Viewed 1 s after each record.
 */
export function detailSequence(
  version: FixtureVersion,
  scenarios: string[],
  name = "lab",
): Array<{ at: number; detail: ClusterDetail }> {
  const state = makeState(version, name);
  let at = T0 - scenarios.length * 30_000;
  return scenarios.map((scenario) => {
    at += 30_000;
    recordScenario(state, version, scenario, at);
    return { at: at + 1_000, detail: clusterDetailSchema.parse(buildDetail(state, at + 1_000, POLL_MS)) };
  });
}

export function makeMember(overrides: Partial<Member> & Pick<Member, "name">): Member {
  return memberSchema.parse({
    role: "replica",
    state: "streaming",
    timeline: 1,
    host: "10.0.0.1",
    port: 5432,
    inDcs: true,
    reachable: true,
    lastError: null,
    observedAt: T0 - 1_000,
    apiLatencyMs: 3,
    receiveLsn: 0x5000000,
    replayLsn: 0x5000000,
    receiveLagBytes: 0,
    replayLagBytes: 0,
    lagSource: "live",
    dcsLagBytes: 0,
    pendingRestart: false,
    pendingRestartReason: [],
    scheduledRestartAt: null,
    tags: {},
    replicationState: "streaming",
    replayPaused: false,
    replayedTimestamp: null,
    postmasterStartTime: null,
    serverVersion: 160000,
    patroniVersion: "4.1.4",
    clusterUnlocked: false,
    dcsLastSeen: null,
    apiUrl: null,
    ...overrides,
  });
}

/** A healthy three-member cluster (leader node1, sync node2, async node3) unless overridden. */
export function makeDetail(overrides: Partial<ClusterDetail> = {}): ClusterDetail {
  const members = overrides.members ?? [
    makeMember({
      name: "node1",
      role: "leader",
      state: "running",
      host: "10.0.0.1",
      receiveLagBytes: null,
      replayLagBytes: null,
      lagSource: null,
    }),
    makeMember({ name: "node2", role: "sync_standby", host: "10.0.0.2" }),
    makeMember({ name: "node3", role: "replica", host: "10.0.0.3" }),
  ];
  return clusterDetailSchema.parse({
    name: "lab",
    scope: "lab",
    demo: false,
    leader: "node1",
    timeline: 1,
    membersUp: members.length,
    membersExpected: members.length,
    worstLagBytes: 0,
    paused: false,
    observedAt: T0 - 1_000,
    tone: "ok",
    problems: [],
    pollIntervalMs: POLL_MS,
    generatedAt: T0,
    orphanNodes: [],
    scheduledSwitchover: null,
    history: [],
    config: null,
    lagSamples: [],
    events: [],
    ...overrides,
    members,
  });
}
