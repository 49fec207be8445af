import "server-only";
import type { ClusterEvent, LagSample, PollErrorView } from "@/lib/domain/contracts";
import type { PatroniHttpClient, PollError } from "@/lib/server/patroni/client";
import type { ConfigView, DcsMember, DcsView, HistoryEntry, NodeStatus } from "@/lib/server/patroni/normalise";
import { Ring } from "./ring";
import { matchByUrl } from "./view";

// What the server knows about one cluster: the latest observation per node (with its time and last
// error) and bounded history. Written only by the poller; read by the route handlers through view.ts.

export interface NodeRecord {
  client: PatroniHttpClient;
  url: string;
  status: NodeStatus | null;
  statusAt: number | null;
  dcs: DcsView | null;
  dcsAt: number | null;
  lastError: PollErrorView | null;
  /** Consecutive failed polls; 0 while the node answers. */
  failures: number;
  /** Earliest time the next poll may start (per-node backoff while the node is down). */
  nextPollAt: number;
  latencyMs: number | null;
  /** Member name, learned from /patroni (3.2+) or by matching the URL to a /cluster api_url. */
  memberName: string | null;
}

export interface KnownMember {
  last: DcsMember;
  lastSeenAt: number;
}

/** Members seen once and remembered after they vanish (Patroni drops dead ones after ttl). */
const MAX_KNOWN_MEMBERS = 64;
const MAX_EVENTS = 200;

export class ClusterState {
  readonly nodes: NodeRecord[];
  history: HistoryEntry[] = [];
  historyAt: number | null = null;
  config: ConfigView | null = null;
  configAt: number | null = null;
  slowPolledAt = Number.NEGATIVE_INFINITY;
  historyBoostUntil = 0;
  readonly known = new Map<string, KnownMember>();
  readonly lagSamples: Ring<LagSample>;
  readonly events = new Ring<ClusterEvent>(MAX_EVENTS);
  leader: string | null | undefined = undefined;
  timeline: number | null = null;

  constructor(
    readonly configuredName: string | null,
    readonly index: number,
    clients: PatroniHttpClient[],
    historyLength: number,
    readonly demo = false,
  ) {
    this.nodes = clients.map((client) => ({
      client,
      url: client.target.url,
      status: null,
      statusAt: null,
      dcs: null,
      dcsAt: null,
      lastError: null,
      failures: 0,
      nextPollAt: 0,
      latencyMs: null,
      memberName: null,
    }));
    // Samples per member: a 3-node cluster keeps historyLength samples for each of its replicas.
    this.lagSamples = new Ring(historyLength * Math.max(clients.length, 3));
  }

  /** The name in URLs: configured, else the scope the nodes report, else a stable placeholder. */
  get name(): string {
    if (this.configuredName) return this.configuredName;
    const scope = this.nodes.find((n) => n.status)?.status?.scope ?? this.nodes.find((n) => n.dcs?.scope)?.dcs?.scope;
    return scope ?? `cluster-${this.index + 1}`;
  }

  recordSuccess(node: NodeRecord, status: NodeStatus, dcs: DcsView | null, at: number, latencyMs: number): void {
    node.status = status;
    node.statusAt = at;
    if (dcs) {
      node.dcs = dcs;
      node.dcsAt = at;
      for (const member of dcs.members) this.remember(member, at);
    }
    node.latencyMs = latencyMs;
    node.failures = 0;
    node.lastError = null;
    node.memberName = status.name ?? (dcs ? matchByUrl(node.url, dcs.members) : null) ?? node.memberName;
  }

  recordFailure(node: NodeRecord, error: PollError, at: number): void {
    node.failures += 1;
    const sameRun = node.lastError && node.lastError.kind === error.kind;
    node.lastError = { ...error, since: sameRun ? node.lastError!.since : at };
  }

  private remember(member: DcsMember, at: number): void {
    this.known.set(member.name, { last: member, lastSeenAt: at });
    if (this.known.size <= MAX_KNOWN_MEMBERS) return;
    const oldest = [...this.known.entries()].sort((a, b) => a[1].lastSeenAt - b[1].lastSeenAt)[0];
    if (oldest) this.known.delete(oldest[0]);
  }

  /** Records the leader and timeline seen this cycle; true when either changed. */
  recordLeader(leader: string | null, timeline: number | null, at: number): boolean {
    let changed = false;
    if (this.leader !== undefined && leader !== this.leader) {
      this.events.push({ t: at, kind: "leader_change", from: this.leader, to: leader });
      changed = true;
    }
    this.leader = leader;
    if (timeline !== null) {
      if (this.timeline !== null && timeline > this.timeline) {
        this.events.push({ t: at, kind: "timeline_change", from: String(this.timeline), to: String(timeline) });
        changed = true;
      }
      this.timeline = timeline;
    }
    return changed;
  }
}
