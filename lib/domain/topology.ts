import type { ErrorKind, MemberRole, Tone } from "./constants";
import type { ClusterDetail, Member } from "./contracts";
import { lagThreshold, worstLag } from "./member-rules";

// The replication tree of one cluster, as `patronictl topology` draws it: the leader at the root, each
// other member under the member its `replicatefrom` tag names (when that names another existing
// non-leader member), else under the leader. It shows the configured intention, not pg_stat_replication.
// Members that are unreachable or gone from the DCS stay in the tree, marked, never dropped.

export type LinkKind = "sync" | "quorum" | "async";
export type NodeCondition = "ok" | "unreachable" | "missing" | "not_running";

export interface TopologyNode {
  name: string;
  role: MemberRole;
  isLeader: boolean;
  state: string;
  condition: NodeCondition;
  /** Why the node is not ok: the last poll error, or the state; null when ok. */
  reason: string | null;
  /** The kind of the last poll error, when there is one. */
  errorKind: ErrorKind | null;
  upstream: string | null;
  depth: number;
  host: string | null;
  port: number | null;
  timeline: number | null;
  lagBytes: number | null;
  lagOverThreshold: boolean;
  tone: Tone;
}

export interface TopologyEdge {
  from: string;
  to: string;
  /** The replication mode of the downstream member; null when its role is not a standby role. */
  kind: LinkKind | null;
  via: "leader" | "replicatefrom";
  /** The downstream member is not receiving WAL as far as we can tell (missing, unreachable, stopped). */
  broken: boolean;
}

export interface Topology {
  leader: string | null;
  /** Depth-first order: the leader, then its subtree, then any other roots (no leader). */
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

const HEALTHY_STATES = new Set(["running", "streaming"]);

function isLeaderRole(role: MemberRole): boolean {
  return role === "leader" || role === "standby_leader";
}

export function linkKindOf(role: MemberRole): LinkKind | null {
  if (role === "sync_standby") return "sync";
  if (role === "quorum_standby") return "quorum";
  if (role === "replica") return "async";
  return null;
}

function conditionOf(member: Member): { condition: NodeCondition; reason: string | null } {
  if (!member.inDcs) return { condition: "missing", reason: member.lastError?.message ?? null };
  if (member.reachable === false)
    return { condition: "unreachable", reason: member.lastError?.message ?? null };
  if (!HEALTHY_STATES.has(member.state)) return { condition: "not_running", reason: member.state };
  return { condition: "ok", reason: null };
}

/** The member a replica hangs under: its `replicatefrom` target if valid, else the leader. */
function upstreamOf(member: Member, byName: Map<string, Member>, leader: string | null): string | null {
  if (member.name === leader) return null;
  const tag = member.tags.replicatefrom;
  if (typeof tag === "string" && tag !== member.name && tag !== leader) {
    const target = byName.get(tag);
    if (target && !isLeaderRole(target.role)) return tag;
  }
  return leader;
}

export function buildTopology(detail: Pick<ClusterDetail, "leader" | "members" | "config">): Topology {
  const leader = detail.members.some((m) => m.name === detail.leader) ? detail.leader : null;
  const byName = new Map(detail.members.map((m) => [m.name, m]));
  const parent = new Map<string, string | null>(
    detail.members.map((m) => [m.name, upstreamOf(m, byName, leader)]),
  );

  // replicatefrom tags can form a cycle (a → b → a); patronictl silently drops such members.
  // Break each cycle by hanging the member where it closes under the leader instead.
  for (const member of detail.members) {
    const seen = new Set<string>();
    let current: string | null = member.name;
    while (current !== null) {
      if (seen.has(current)) {
        parent.set(current, leader === current ? null : leader);
        break;
      }
      seen.add(current);
      current = parent.get(current) ?? null;
    }
  }

  const children = new Map<string | null, Member[]>();
  for (const member of detail.members) {
    const up = parent.get(member.name) ?? null;
    children.set(up, [...(children.get(up) ?? []), member]);
  }
  const roots = (children.get(null) ?? [])
    .slice()
    .sort((a, b) => rootRank(a, leader) - rootRank(b, leader) || a.name.localeCompare(b.name));

  const threshold = lagThreshold(detail);
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  const visit = (member: Member, depth: number) => {
    const isLeader = member.name === leader;
    const { condition, reason } = conditionOf(member);
    const lag = isLeader ? null : worstLag(member);
    const lagOverThreshold = lag !== null && lag > threshold;
    const upstream = parent.get(member.name) ?? null;
    nodes.push({
      name: member.name,
      role: member.role,
      isLeader,
      state: member.state,
      condition,
      reason,
      errorKind: member.lastError?.kind ?? null,
      upstream,
      depth,
      host: member.host,
      port: member.port,
      timeline: member.timeline,
      lagBytes: lag,
      lagOverThreshold,
      tone:
        condition === "missing" || condition === "unreachable"
          ? "crit"
          : condition === "not_running" || lagOverThreshold
            ? "warn"
            : "ok",
    });
    if (upstream !== null) {
      edges.push({
        from: upstream,
        to: member.name,
        kind: linkKindOf(member.role),
        via: upstream === leader ? "leader" : "replicatefrom",
        broken: condition !== "ok",
      });
    }
    for (const child of children.get(member.name) ?? []) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return { leader, nodes, edges };
}

function rootRank(member: Member, leader: string | null): number {
  return member.name === leader ? 0 : 1;
}

export interface NodePosition {
  x: number;
  y: number;
}

export interface TopologyLayout {
  width: number;
  height: number;
  positions: Map<string, NodePosition>;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  gapX: number;
  gapY: number;
}

/**
 * A tidy tree: leaves take consecutive slots left to right, a parent is centred over its children,
 * each depth is one row. Positions are the top-left corners of the node boxes.
 */
export function layoutTopology(topology: Topology, options: LayoutOptions): TopologyLayout {
  const { nodeWidth, nodeHeight, gapX, gapY } = options;
  const kids = new Map<string | null, TopologyNode[]>();
  for (const node of topology.nodes) kids.set(node.upstream, [...(kids.get(node.upstream) ?? []), node]);
  const slotX = new Map<string, number>();
  let nextSlot = 0;
  const place = (node: TopologyNode): number => {
    const own = kids.get(node.name) ?? [];
    const x = own.length === 0 ? nextSlot++ : own.map(place).reduce((a, b) => a + b, 0) / own.length;
    slotX.set(node.name, x);
    return x;
  };
  for (const root of kids.get(null) ?? []) place(root);
  const slots = Math.max(1, nextSlot);
  const depth = Math.max(0, ...topology.nodes.map((n) => n.depth));
  const positions = new Map<string, NodePosition>();
  for (const node of topology.nodes) {
    positions.set(node.name, {
      x: (slotX.get(node.name) ?? 0) * (nodeWidth + gapX),
      y: node.depth * (nodeHeight + gapY),
    });
  }
  return {
    width: slots * nodeWidth + (slots - 1) * gapX,
    height: (depth + 1) * nodeHeight + depth * gapY,
    positions,
  };
}
