import "server-only";
import { nextAlertTrack, type AlertCandidate, type AlertTrackEntry } from "@/lib/domain/alerts";
import { diffConfig } from "@/lib/domain/config-diff";
import type { ClusterEvent, ConfigHistoryEntry, LagSample } from "@/lib/domain/contracts";
import { matchByUrl, type DcsObservation } from "@/lib/domain/observations";
import type { PatroniHttpClient, PollError } from "@/lib/server/patroni/client";
import type {
  ConfigView,
  DcsMember,
  DcsView,
  HistoryEntry,
  NodeStatus,
} from "@/lib/server/patroni/normalise";
import { EventLog } from "./event-log";
import { newNodeRecord, type NodeRecord } from "./node-record";
import { Ring } from "./ring";

// What the server knows about one cluster: the latest observation per node (with its time and last
// error) and bounded history. Written only by the poller; read by the route handlers through view.ts.

export interface KnownMember {
  last: DcsMember;
  lastSeenAt: number;
}

/** Members seen once and remembered after they vanish (Patroni drops dead ones after ttl). */
const MAX_KNOWN_MEMBERS = 64;
const MAX_EVENTS = 200;
/** /config changes kept for the config history (each a handful of keys). */
export const MAX_CONFIG_CHANGES = 50;

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
  /** Poll cycles run over this cluster. */
  cycle = 0;
  /** Bumped whenever the poller has written something new: readers' caches key on it. */
  revision = 0;
  /** Alerts seen in the latest cycles: when each started and for how many cycles in a row. */
  alertTrack: ReadonlyMap<string, AlertTrackEntry> = new Map();
  readonly configHistory = new Ring<ConfigHistoryEntry>(MAX_CONFIG_CHANGES);
  /**
   * With a history store, whether what is shown may run ahead of the store: "none" (no store: shown at
   * once), "committed" (the last write committed), "behind" (it failed: new entries wait for the next).
   */
  private store: "none" | "committed" | "behind" = "none";
  /** Config changes not yet committed: never shown (a kill -9 must not lose what was on screen). */
  private unshownConfig: ConfigHistoryEntry[] = [];
  /** Leader/timeline changes seen while the store is behind. */
  private unshownEvents: ClusterEvent[] = [];
  readonly eventLog = new EventLog();
  /** The configured lag_warning_bytes (null: maximum_lag_on_failover decides). */
  lagWarningBytes: number | null = null;

  constructor(
    readonly configuredName: string | null,
    readonly index: number,
    clients: PatroniHttpClient[],
    historyLength: number,
    readonly demo = false,
  ) {
    this.nodes = clients.map(newNodeRecord);
    // historyLength samples for each replica (the leader has none): room for every replica there
    // are nodes for, and at least two, as when one configured URL discovers a 3-member cluster.
    this.lagSamples = new Ring(historyLength * Math.max(clients.length - 1, 2));
  }

  /** Set once when the scope turned out to be another cluster's name after start-up (separateNames). */
  private separatedName: string | null = null;

  /** The name in URLs: configured, else the scope the nodes report, else a stable placeholder. */
  get name(): string {
    if (this.configuredName) return this.configuredName;
    if (this.separatedName) return this.separatedName;
    const scope =
      this.nodes.find((n) => n.status)?.status?.scope ?? this.nodes.find((n) => n.dcs?.scope)?.dcs?.scope;
    return scope ?? `cluster-${this.index + 1}`;
  }

  /**
   * A cluster named after its scope whose name is already taken gets `<scope>-<position>` for good.
   * Start-up refuses such a clash (runtime.ts nameClash); this covers a cluster whose nodes first
   * answered later. Returns the warning to log.
   */
  separateFrom(taken: ReadonlySet<string>): string | null {
    if (this.configuredName || this.separatedName || !taken.has(this.name)) return null;
    const scope = this.name;
    let candidate = `${scope}-${this.index + 1}`;
    for (let n = 2; taken.has(candidate); n++) candidate = `${scope}-${this.index + 1}-${n}`;
    this.separatedName = candidate;
    return `clusters.${this.index} reports scope "${scope}", already the name of another cluster: listed as "${candidate}"; give it a distinct \`name\``;
  }

  recordSuccess(
    node: NodeRecord,
    status: NodeStatus,
    dcs: DcsView | null,
    at: number,
    latencyMs: number,
    raw: Record<string, unknown> | null = null,
  ): void {
    if (node.dcsLastSeenAdvancedAt === null || status.dcsLastSeen !== node.status?.dcsLastSeen)
      node.dcsLastSeenAdvancedAt = at;
    node.status = status;
    node.raw = raw;
    node.statusAt = at;
    if (dcs) {
      node.dcs = dcs;
      node.dcsAt = at;
      node.dcsCycle = this.cycle;
      for (const member of dcs.members) this.remember(member, at);
    }
    node.latencyMs = latencyMs;
    node.failures = 0;
    node.lastError = null;
    node.memberName = status.name ?? (dcs ? matchByUrl(node.url, dcs.members) : null) ?? node.memberName;
    // A node that never answered (3.0.x has no name in /patroni anyway) is matched by its api_url in
    // what the DCS lists, so the views built later only read names.
    if (dcs) this.nameNodesByUrl();
  }

  private nameNodesByUrl(): void {
    const members = [...this.known.values()].map((k) => k.last);
    for (const node of this.nodes) node.memberName ??= matchByUrl(node.url, members);
  }

  /** Each node's last /cluster view with when it was read, in configuration order. */
  dcsObservations(): DcsObservation<DcsView>[] {
    return this.nodes.flatMap((n) => (n.dcs && n.dcsAt !== null ? [{ view: n.dcs, at: n.dcsAt }] : []));
  }

  recordFailure(node: NodeRecord, error: PollError, at: number): void {
    node.failures += 1;
    const sameRun = node.lastError && node.lastError.kind === error.kind;
    node.lastError = { ...error, since: sameRun ? node.lastError!.since : at };
  }

  /** Stores a fresh /config; a difference from the previous one is kept in the config history. */
  recordConfig(config: ConfigView, at: number): void {
    if (this.config) {
      const changes = diffConfig(this.config.raw, config.raw);
      if (changes.length > 0) {
        if (this.store === "none") this.configHistory.push({ at, changes });
        else {
          // NOTE: /config is read before the cycle's history is written: the change waits for the
          // recorder's commit (lib/server/storage/recorder.ts), then becomes part of the history shown.
          this.unshownConfig.push({ at, changes });
          if (this.unshownConfig.length > MAX_CONFIG_CHANGES) this.unshownConfig.shift();
        }
      }
    }
    this.config = config;
    this.configAt = at;
  }

  /** From now on what is shown waits for the store's commits (the history recorder's first cycle). */
  attachStore(): void {
    if (this.store === "none") this.store = "committed";
  }

  /** The config changes to write with this cycle's batch (they stay unshown until committed()). */
  takeUnshownConfig(): ConfigHistoryEntry[] {
    return this.unshownConfig.splice(0);
  }

  /** The recorder committed a batch: its config changes and any held leader changes are shown. */
  committed(config: readonly ConfigHistoryEntry[]): void {
    for (const entry of config) this.configHistory.push(entry);
    for (const event of this.unshownEvents.splice(0)) this.events.push(event);
    this.store = "committed";
  }

  /** The recorder could not write: changes seen from now on are held until a write commits. */
  commitFailed(): void {
    if (this.store !== "none") this.store = "behind";
  }

  /** Advances the alert memory by one cycle (called by the poller only, once per cycle). */
  trackAlerts(candidates: readonly AlertCandidate[], at: number): void {
    this.alertTrack = nextAlertTrack(this.alertTrack, candidates, at);
  }

  private remember(member: DcsMember, at: number): void {
    this.known.set(member.name, { last: member, lastSeenAt: at });
    if (this.known.size <= MAX_KNOWN_MEMBERS) return;
    const oldest = [...this.known.entries()].sort((a, b) => a[1].lastSeenAt - b[1].lastSeenAt)[0];
    if (oldest) this.known.delete(oldest[0]);
  }

  /**
   * Records the leader and timeline seen this cycle; true when either changed. The poller calls it after
   * the recorder has written the same observation (its leader_changed/timeline_changed events): shown at
   * once if that write committed, held until one does if it failed.
   */
  recordLeader(leader: string | null, timeline: number | null, at: number): boolean {
    let changed = false;
    const show = (event: ClusterEvent) => {
      if (this.store !== "behind") return this.events.push(event);
      this.unshownEvents.push(event);
      if (this.unshownEvents.length > MAX_EVENTS) this.unshownEvents.shift();
    };
    if (this.leader !== undefined && leader !== this.leader) {
      show({ t: at, kind: "leader_change", from: this.leader, to: leader });
      changed = true;
    }
    this.leader = leader;
    if (timeline !== null) {
      if (this.timeline !== null && timeline > this.timeline) {
        show({
          t: at,
          kind: "timeline_change",
          from: String(this.timeline),
          to: String(timeline),
        });
        changed = true;
      }
      this.timeline = timeline;
    }
    return changed;
  }
}
