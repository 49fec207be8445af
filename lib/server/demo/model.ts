import "server-only";
import {
  DEMO_NODE_NAMES,
  DEMO_SCOPE,
  type DemoNodeName,
  type DemoScenario,
  type DemoVersion,
  isDemoVersion,
  LOOP_WAIT_MS,
} from "./constants";
import { haTick, renewLiveKeys, type SimContext } from "./ha";
import { normaliseSeed } from "./random";
import { type DemoResponse, respondTo } from "./respond";
import { runScenario, type TriggerResult } from "./scenarios";
import {
  type ClusterState,
  createInitialState,
  isStreamingReplica,
  isSyncMember,
  leaderAt,
  nodeByName,
} from "./state";

// The deterministic cluster: a seeded state plus a queue of timed steps, advanced lazily to the
// injected clock. Nothing reads the wall clock, so a fake clock can run a whole failover in
// microseconds and the same seed and clock always give the same bytes.

export interface DemoModelOptions {
  /** Any number or text; the same seed gives the same cluster (default 1). */
  seed?: number | string;
  /** Which Patroni to speak: "4.1.4" (default) or "3.0.2". */
  version?: DemoVersion;
  /** Patroni's scope, the cluster's name (default "demo"; a fleet names them demo-001…). */
  scope?: string;
  /** Epoch milliseconds; defaults to Date.now. Only ever read through this function. */
  now?: () => number;
}

export interface DemoNodeInfo {
  name: DemoNodeName;
  apiUrl: string;
  /** Patroni's REST API accepts connections. */
  apiUp: boolean;
  /** As /cluster would name it: leader, sync_standby, quorum_standby, replica; "down" while the API is down. */
  role: "leader" | "sync_standby" | "quorum_standby" | "replica" | "down";
  /** PostgreSQL state (running, starting, stopping, stopped, crashed). */
  state: string;
  streaming: boolean;
}

/** Everything a UI badge needs: the last scenario, whether it has played out, and what is next. */
export interface DemoClusterInfo {
  version: DemoVersion;
  scope: string;
  seed: number;
  nowMs: number;
  /** The last accepted trigger ("healthy" before any). */
  scenario: DemoScenario;
  triggeredAtMs: number | null;
  message: string;
  /** Nothing more will change on its own (the cluster may still be degraded, e.g. a node down). */
  settled: boolean;
  /** One human line: the next scripted step, or what the cluster is waiting for, or "stable". */
  phase: string;
  leader: DemoNodeName | null;
  syncStandby: DemoNodeName | null;
  timeline: number;
  paused: boolean;
  pendingRestart: boolean;
  nodes: DemoNodeInfo[];
}

interface Step {
  at: number;
  label: string;
  run: (at: number) => void;
  blocking: boolean;
}

/** A fake clock that jumps years would otherwise replay every 2 s loop; older loops change nothing. */
const MAX_TICK_BACKLOG = 50_000;

export class DemoModel {
  readonly version: DemoVersion;
  readonly seed: number;
  readonly scope: string;
  readonly nodeNames: readonly DemoNodeName[] = DEMO_NODE_NAMES;
  private readonly clock: () => number;
  private readonly state: ClusterState;
  private readonly ctx: SimContext;
  /** Pending steps in time order; steps due at the same moment run in the order they were added. */
  private queue: Step[] = [];
  private nextTickAt: number;
  private time: number;
  private scenario: DemoScenario = "healthy";
  private triggeredAt: number | null = null;
  private message = "healthy: node1 leader, node2 sync standby, node3 replica";

  constructor(options: DemoModelOptions = {}) {
    const version = options.version ?? "4.1.4";
    if (!isDemoVersion(version))
      throw new Error(`unsupported Patroni version "${String(version)}" (4.1.4 or 3.0.2)`);
    this.version = version;
    this.seed = normaliseSeed(options.seed);
    this.clock = options.now ?? Date.now;
    const origin = this.clock();
    this.scope = options.scope ?? DEMO_SCOPE;
    this.state = createInitialState(this.seed, version, origin, this.scope);
    this.time = origin;
    this.nextTickAt = origin;
    this.ctx = {
      state: this.state,
      schedule: (at, label, run, blocking = true) => this.schedule(at, label, run, blocking),
      busy: () => this.queue.some((s) => s.blocking),
      cancelPending: () => {
        this.queue = [];
      },
    };
    this.advance(origin);
  }

  private schedule(at: number, label: string, run: (at: number) => void, blocking: boolean): void {
    const step: Step = { at: Math.max(at, this.time), label, run, blocking };
    const index = this.queue.findIndex((s) => s.at > step.at);
    if (index < 0) this.queue.push(step);
    else this.queue.splice(index, 0, step);
  }

  /** Runs every step and HA loop due by `to` (default: the clock). Time never goes backwards. */
  advance(to: number = this.clock()): number {
    const target = Math.max(this.time, to);
    const backlog = Math.floor((target - this.nextTickAt) / LOOP_WAIT_MS);
    if (backlog > MAX_TICK_BACKLOG && !(this.queue[0] && this.queue[0].at <= target)) {
      this.nextTickAt += (backlog - 10) * LOOP_WAIT_MS;
      renewLiveKeys(this.ctx, this.nextTickAt - LOOP_WAIT_MS);
    }
    for (;;) {
      const step = this.queue[0];
      if (step && step.at <= target && step.at <= this.nextTickAt) {
        this.queue.shift();
        this.time = step.at;
        step.run(step.at);
      } else if (this.nextTickAt <= target) {
        this.time = this.nextTickAt;
        haTick(this.ctx, this.nextTickAt);
        this.nextTickAt += LOOP_WAIT_MS;
      } else {
        break;
      }
    }
    this.time = target;
    return target;
  }

  /** Starts a scenario by name, now. See TriggerResult: ok with a message, or refused with a reason. */
  trigger(name: string): TriggerResult {
    const t = this.advance();
    const result = runScenario(this.ctx, name, t);
    if (result.ok) {
      this.scenario = result.scenario;
      this.triggeredAt = t;
      this.message = result.message;
    }
    return result;
  }

  /** Patroni's answer to one request, or null when that node's API refuses connections. */
  respond(nodeName: string, method: string, target: string): DemoResponse | null {
    const t = this.advance();
    const node = nodeByName(this.state, nodeName);
    if (!node) throw new Error(`unknown demo node "${nodeName}"`);
    return node.apiUp ? respondTo(this.state, node, method, target, t) : null;
  }

  isApiUp(nodeName: string): boolean {
    this.advance();
    return nodeByName(this.state, nodeName)?.apiUp ?? false;
  }

  /** The HTTP layer tells the model where each node really listens (it appears in /cluster). */
  setApiUrl(nodeName: string, url: string): void {
    const node = nodeByName(this.state, nodeName);
    if (node) node.apiUrl = url;
  }

  /** When the next scripted step is due (epoch ms), so a server can wake up right then. */
  nextStepAt(): number | null {
    return this.queue[0]?.at ?? null;
  }

  info(): DemoClusterInfo {
    const t = this.advance();
    const { dcs, nodes } = this.state;
    const holder = dcs.leader && nodeByName(this.state, dcs.leader.name);
    const leader = leaderAt(this.state, t);
    const holderDown = !!leader && !leader.apiUp;
    const waitingForSync =
      !!leader &&
      leader.apiUp &&
      dcs.syncMode === "on" &&
      dcs.sync === null &&
      nodes.some((n) => n !== leader && isStreamingReplica(n));
    const catchingUp = nodes.some((n) => n.stalled || n.receiver.kind === "catchup");
    const next = this.queue[0];
    let phase = "stable";
    if (next) phase = `next: ${next.label} (in ${Math.max(0, Math.round((next.at - t) / 100) / 10)} s)`;
    else if (holderDown && holder)
      phase = `${holder.name} is down; its leader key expires in ~${Math.ceil((dcs.leader!.expiresAt - t) / 1000)} s`;
    else if (!leader)
      phase = dcs.paused
        ? "no leader: maintenance mode blocks automatic failover"
        : "no leader: no sync standby may be promoted (synchronous_mode)";
    else if (waitingForSync) phase = `${leader.name} is choosing a sync standby`;
    else if (catchingUp) phase = "a replica is catching up";
    const down = nodes.filter((n) => !n.apiUp).map((n) => n.name);
    if (phase === "stable" && down.length > 0) phase = `stable, down: ${down.join(", ")}`;
    return {
      version: this.version,
      scope: this.scope,
      seed: this.seed,
      nowMs: t,
      scenario: this.scenario,
      triggeredAtMs: this.triggeredAt,
      message: this.message,
      settled: !next && !holderDown && !waitingForSync && !catchingUp,
      phase,
      leader: leader?.name ?? null,
      syncStandby: dcs.sync,
      timeline: this.state.timeline,
      paused: dcs.paused,
      pendingRestart: nodes.some((n) => n.pendingRestart),
      nodes: nodes.map((n) => ({
        name: n.name,
        apiUrl: n.apiUrl,
        apiUp: n.apiUp,
        role: !n.apiUp
          ? "down"
          : n === leader
            ? "leader"
            : isSyncMember(this.state, n)
              ? dcs.syncMode === "quorum"
                ? "quorum_standby"
                : "sync_standby"
              : "replica",
        state: n.pgState,
        streaming: n.streaming,
      })),
    };
  }
}

/** A deterministic demo cluster with an injected clock (no network). */
export function createDemoModel(options: DemoModelOptions = {}): DemoModel {
  return new DemoModel(options);
}
