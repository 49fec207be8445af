import type { AlertInput } from "@/lib/domain/alerts";
import { clusterDetailSchema, memberSchema, type ClusterDetail, type Member } from "@/lib/domain/contracts";

// Hand-made cluster details for boundary tests of the pure health rules: a healthy 3-member 4.1 cluster
// (node1 leader, node2 sync standby, node3 async) observed 1 s before NOW, then changed per test.
// Parsed through the API contract, so a test never feeds a shape the API cannot send.

export const NOW = Date.parse("2026-11-25T20:00:00Z");
export const POLL = 5_000;
export const TIMEOUT = 2_500;

export function member(name: string, overrides: Partial<Member> = {}): Member {
  const leader = overrides.role === "leader" || (overrides.role === undefined && name === "node1");
  return memberSchema.parse({
    name,
    role: leader ? "leader" : name === "node2" ? "sync_standby" : "replica",
    state: leader ? "running" : "streaming",
    timeline: 3,
    host: "127.0.0.1",
    port: 5433,
    inDcs: true,
    reachable: true,
    lastError: null,
    observedAt: NOW - 1_000,
    apiLatencyMs: 3,
    receiveLsn: 1000,
    replayLsn: 1000,
    receiveLagBytes: leader ? null : 0,
    replayLagBytes: leader ? null : 0,
    lagSource: leader ? null : "live",
    dcsLagBytes: leader ? null : 0,
    pendingRestart: false,
    pendingRestartReason: [],
    scheduledRestartAt: null,
    tags: {},
    replicationState: leader ? null : "streaming",
    replayPaused: false,
    replayedTimestamp: null,
    postmasterStartTime: NOW - 3_600_000,
    serverVersion: 150018,
    patroniVersion: "4.1.4",
    clusterUnlocked: false,
    dcsLastSeen: NOW - 2_000,
    apiUrl: `http://127.0.0.1:${8007 + Number(name.replace(/\D/g, "") || 1)}`,
    patroniRole: leader ? "primary" : "replica",
    liveTimeline: 3,
    failsafeActive: false,
    dcsLastSeenAdvancedAt: NOW - 1_000,
    ...overrides,
  });
}

export function detail(overrides: Partial<ClusterDetail> = {}, members?: Member[]): ClusterDetail {
  return clusterDetailSchema.parse({
    name: "lab",
    scope: "demo",
    demo: false,
    leader: "node1",
    timeline: 3,
    membersUp: 3,
    membersExpected: 3,
    worstLagBytes: 0,
    paused: false,
    observedAt: NOW - 1_000,
    tone: "ok",
    problems: [],
    pollIntervalMs: POLL,
    generatedAt: NOW,
    orphanNodes: [],
    scheduledSwitchover: null,
    history: [],
    config: {
      ttl: 20,
      loopWait: 2,
      retryTimeout: 5,
      maximumLagOnFailover: 1_048_576,
      synchronousMode: "on",
      synchronousModeStrict: false,
      failsafeMode: false,
      paused: false,
      raw: {},
    },
    lagSamples: [],
    events: [],
    requestTimeoutMs: TIMEOUT,
    members: members ?? [member("node1"), member("node2"), member("node3")],
    ...overrides,
  });
}

/** The same detail with one member changed. */
export function withMember(
  name: string,
  overrides: Partial<Member>,
  base: Partial<ClusterDetail> = {},
): AlertInput {
  const d = detail(base);
  return { ...d, members: d.members.map((m) => (m.name === name ? { ...m, ...overrides } : m)) };
}
