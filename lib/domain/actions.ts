import { z } from "zod";
import type { ClusterDetail } from "./contracts";
import { baseHolds } from "./config-edit";
import { REPLICATION_STATE_SINCE } from "./readiness";
import { versionAtLeast } from "./version";

// The guarded actions' contract and their preflight: what POST /api/clusters/{name}/actions accepts,
// and whether the cluster as last observed allows it. Pure and isomorphic: the confirmation dialog
// shows the same verdict that the server checks again when the request arrives.

export const ACTION_KINDS = [
  "switchover",
  "failover",
  "restart",
  "reinitialize",
  "reload",
  "pause",
  "resume",
  "cancel-switchover",
  "cancel-restart",
  "edit-config",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** How an action attempt ended, as the audit records it (each has words in both catalogs). */
export const ACTION_OUTCOMES = [
  "succeeded",
  "patroni_refused",
  "preflight_refused",
  "unreachable",
  "unauthenticated",
  "forbidden",
  "cross_origin",
  "invalid",
  "bad_confirm",
] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

/** Actions only an admin may take (an operator may take every other one). */
export const ADMIN_ACTIONS: ReadonlySet<ActionKind> = new Set(["edit-config"]);

/** Actions aimed at one member's node (`member` required); the others act on the cluster. */
export const MEMBER_ACTIONS: ReadonlySet<ActionKind> = new Set([
  "restart",
  "reinitialize",
  "reload",
  "cancel-restart",
]);

export const actionRequestSchema = z.strictObject({
  action: z.enum(ACTION_KINDS),
  member: z.string().min(1).max(200).optional(),
  candidate: z.string().min(1).max(200).optional(),
  /** ISO 8601 with a zone, as Patroni's scheduled_at / schedule expect it. */
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
  force: z.boolean().optional(),
  /** restart: only if the member has a pending restart (Patroni's restart_pending). */
  pendingOnly: z.boolean().optional(),
  /** edit-config: the PATCH /config body (lib/domain/config-edit.ts configPatch). */
  config: z.record(z.string(), z.unknown()).optional(),
  /** edit-config: the values the patched keys had when the editor opened ("a.b" → value). */
  base: z.record(z.string(), z.unknown()).optional(),
  /** Must equal the cluster's name. */
  confirm: z.string(),
});
export type ActionRequest = z.infer<typeof actionRequestSchema>;

export const PREFLIGHT_PROBLEMS = [
  "no_data",
  "member_required",
  "candidate_required",
  "unknown_member",
  "no_leader",
  "candidate_is_leader",
  "candidate_not_ready",
  "no_candidate",
  "member_is_leader",
  "already_paused",
  "not_paused",
  "no_scheduled_switchover",
  "config_required",
  "no_config",
  "config_changed",
] as const;
export type PreflightProblemCode = (typeof PREFLIGHT_PROBLEMS)[number];

/** Problems `force` may override: the readiness rules, which Patroni's own --force also skips. */
const FORCEABLE: ReadonlySet<PreflightProblemCode> = new Set(["candidate_not_ready", "no_candidate"]);

export const preflightSchema = z.object({
  ok: z.boolean(),
  /** ok only because `force` overrode readiness problems. */
  forced: z.boolean(),
  problems: z.array(
    z.object({
      code: z.enum(PREFLIGHT_PROBLEMS),
      member: z.string().nullable(),
      /** Readiness reasons (lib/domain/readiness) when code is candidate_not_ready. */
      reasons: z.array(z.string()),
      forceable: z.boolean(),
    }),
  ),
  /** The member whose node receives the request; null: any node of the cluster (the leader first). */
  target: z.string().nullable(),
});
export type Preflight = z.infer<typeof preflightSchema>;

type Input = Pick<ClusterDetail, "members" | "leader" | "paused" | "scheduledSwitchover" | "readiness"> &
  Partial<Pick<ClusterDetail, "config">>;
type ActionInput = Pick<ActionRequest, "action" | "member" | "candidate" | "force" | "config" | "base">;

export function preflight(cluster: Input, request: ActionInput): Preflight {
  const problems: Preflight["problems"] = [];
  const add = (code: PreflightProblemCode, member: string | null = null, reasons: string[] = []) =>
    problems.push({ code, member, reasons, forceable: FORCEABLE.has(code) });
  const listed = new Set(cluster.members.filter((m) => m.inDcs).map((m) => m.name));
  let target: string | null = null;
  if (!cluster.members.some((m) => m.observedAt !== null)) add("no_data");

  if (MEMBER_ACTIONS.has(request.action)) {
    if (!request.member) add("member_required");
    else if (!listed.has(request.member)) add("unknown_member", request.member);
    else target = request.member;
    if (request.action === "reinitialize" && request.member && request.member === cluster.leader)
      add("member_is_leader", request.member);
  }

  const checkCandidate = (candidate: string) => {
    if (!listed.has(candidate)) return add("unknown_member", candidate);
    if (candidate === cluster.leader) return add("candidate_is_leader", candidate);
    const verdict = cluster.readiness.members.find((m) => m.member === candidate);
    if (!verdict || !verdict.candidate)
      add("candidate_not_ready", candidate, verdict ? [...verdict.reasons] : ["unknown"]);
  };

  switch (request.action) {
    case "switchover":
      if (!cluster.leader) add("no_leader");
      if (request.candidate) checkCandidate(request.candidate);
      else if (cluster.readiness.candidates.length === 0) add("no_candidate");
      if (cluster.leader) target = cluster.leader;
      break;
    case "failover":
      if (!request.candidate) add("candidate_required");
      else {
        checkCandidate(request.candidate);
        if (listed.has(request.candidate)) target = request.candidate;
      }
      break;
    case "pause":
      if (cluster.paused) add("already_paused");
      break;
    case "resume":
      if (!cluster.paused) add("not_paused");
      break;
    case "cancel-switchover":
      if (!cluster.scheduledSwitchover) add("no_scheduled_switchover");
      break;
    case "edit-config":
      // PATCH /config goes to the leader; the values edited must still be what the editor started from.
      if (!cluster.leader) add("no_leader");
      else target = cluster.leader;
      if (!request.config || Object.keys(request.config).length === 0) add("config_required");
      else if (!cluster.config) add("no_config");
      else if (!baseHolds(cluster.config.raw, request.base ?? {})) add("config_changed");
      break;
    default:
      break;
  }
  const blocking = problems.filter((p) => !(p.forceable && request.force === true));
  return {
    ok: blocking.length === 0,
    forced: blocking.length === 0 && problems.length > 0,
    problems,
    target,
  };
}

/** The cluster as it was when a switchover or failover was sent. */
export interface OutcomeBaseline {
  leader: string | null;
  timeline: number | null;
  /** The chosen member; null: Patroni chooses. */
  candidate: string | null;
}

export const OUTCOME_CHECKS = ["new_leader", "timeline_up", "others_stream", "old_leader_rejoined"] as const;
export type OutcomeCheck = (typeof OUTCOME_CHECKS)[number];

export interface OutcomeChecklist {
  newLeader: string | null;
  checks: Record<OutcomeCheck, boolean>;
  done: boolean;
}

/**
 * Streaming, as far as the member's Patroni can say: before 3.0.4 neither /cluster's state nor
 * replication_state tells streaming apart, so a running replica on the leader's timeline counts.
 */
const streams = (m: ClusterDetail["members"][number]) =>
  m.state === "streaming" ||
  m.replicationState === "streaming" ||
  (!versionAtLeast(m.patroniVersion, REPLICATION_STATE_SINCE) &&
    m.state === "running" &&
    m.role !== "leader");

/**
 * What a switchover or failover should lead to, checked against the cluster now: the chosen member
 * (or, without one, another member) leads, the timeline went up by exactly one, every other member
 * streams on the new timeline, and the old leader is back as a streaming replica.
 */
export function outcomeChecklist(
  before: OutcomeBaseline,
  cluster: Pick<ClusterDetail, "members" | "leader" | "timeline">,
): OutcomeChecklist {
  const leader = cluster.leader;
  const newLeader =
    leader !== null && (before.candidate ? leader === before.candidate : leader !== before.leader);
  const timelineUp = newLeader && before.timeline !== null && cluster.timeline === before.timeline + 1;
  const others = cluster.members.filter((m) => m.inDcs && m.name !== leader);
  const onTimeline = (m: ClusterDetail["members"][number]) =>
    cluster.timeline === null || (m.liveTimeline ?? m.timeline) === cluster.timeline;
  const othersStream = newLeader && others.every((m) => streams(m) && onTimeline(m));
  const old = cluster.members.find((m) => m.name === before.leader);
  const oldLeaderRejoined =
    newLeader && old !== undefined && old.inDcs && old.role !== "leader" && streams(old) && onTimeline(old);
  const checks = {
    new_leader: newLeader,
    timeline_up: timelineUp,
    others_stream: othersStream,
    old_leader_rejoined: oldLeaderRejoined,
  };
  return { newLeader: newLeader ? leader : null, checks, done: Object.values(checks).every(Boolean) };
}
