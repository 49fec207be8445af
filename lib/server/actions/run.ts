import "server-only";
import {
  MEMBER_ACTIONS,
  outcomeChecklist,
  OUTCOME_CHECKS,
  preflight,
  type ActionOutcome,
  type ActionRequest,
  type OutcomeBaseline,
  type Preflight,
} from "@/lib/domain/actions";
import { patchChanges } from "@/lib/domain/config-edit";
import type { ClusterDetail } from "@/lib/domain/contracts";
import type { Caller } from "@/lib/server/auth/guard";
import { PatroniHttpClient, type HttpResult } from "@/lib/server/patroni/client";
import type { Runtime } from "@/lib/server/runtime";
import type { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { attemptEvent, recordAudit, type Attempt } from "./audit";

// One guarded action: the preflight again on the cluster as it is now, then one request to Patroni's
// own REST API on the right node, with the cluster's credentials and TLS, and the answer passed back
// as Patroni gave it. A switchover or failover is then followed until its outcome is complete.

/** Patroni's POST /switchover waits for the new leader before it answers: give it time. */
export const ACTION_TIMEOUT_MS = 60_000;
const MAX_TEXT = 2000;
/** How long a switchover/failover is followed for its outcome checklist. */
export const OUTCOME_WATCH_MS = 120_000;

export interface ActionResult {
  status: number;
  body: Record<string, unknown>;
}

interface Plan {
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  body?: Record<string, unknown>;
}

export function planRequest(request: ActionRequest, detail: Pick<ClusterDetail, "leader">): Plan {
  switch (request.action) {
    case "switchover":
      return {
        method: "POST",
        path: "/switchover",
        body: {
          leader: detail.leader,
          ...(request.candidate ? { candidate: request.candidate } : {}),
          ...(request.scheduledAt ? { scheduled_at: request.scheduledAt } : {}),
        },
      };
    case "failover":
      return { method: "POST", path: "/failover", body: { candidate: request.candidate } };
    case "restart":
      return {
        method: "POST",
        path: "/restart",
        body: {
          ...(request.pendingOnly ? { restart_pending: true } : {}),
          ...(request.scheduledAt ? { schedule: request.scheduledAt } : {}),
        },
      };
    case "reinitialize":
      return { method: "POST", path: "/reinitialize", body: { force: request.force === true } };
    case "reload":
      return { method: "POST", path: "/reload" };
    case "pause":
      return { method: "PATCH", path: "/config", body: { pause: true } };
    case "resume":
      return { method: "PATCH", path: "/config", body: { pause: false } };
    case "cancel-switchover":
      return { method: "DELETE", path: "/switchover" };
    case "cancel-restart":
      return { method: "DELETE", path: "/restart" };
    case "edit-config":
      return { method: "PATCH", path: "/config", body: request.config ?? {} };
  }
}

/** The nodes to try, best first: the target member's own node, else the leader's, else any answering node. */
function nodesFor(cluster: ClusterState, detail: ClusterDetail, target: string | null, memberOnly: boolean) {
  const byMember = (name: string | null) => {
    if (!name) return undefined;
    const member = detail.members.find((m) => m.name === name);
    const host = member?.apiUrl && URL.canParse(member.apiUrl) ? new URL(member.apiUrl).host : null;
    return cluster.nodes.find(
      (n) => n.memberName === name || (host !== null && new URL(n.url).host === host),
    );
  };
  const first = byMember(target);
  if (memberOnly) return first ? [first] : [];
  const ordered = [
    first,
    byMember(detail.leader),
    ...cluster.nodes.filter((n) => n.failures === 0 && n.status),
  ];
  return [...new Set(ordered.filter((n) => n !== undefined))];
}

/** Patroni's answer as text we may show: shortened, and never echoing the cluster's REST password. */
function safeText(text: string, secrets: readonly string[]): string {
  let out = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("***");
  return out.trim();
}

export async function runAction(
  runtime: Runtime,
  cluster: ClusterState,
  request: ActionRequest,
  who: { session: Caller; address: string; origin: string | null },
  now: () => number = Date.now,
): Promise<ActionResult> {
  const started = now();
  const detailNow = () =>
    buildDetail(cluster, now(), runtime.config.pollIntervalMs, {
      probeIntervalMs: runtime.config.probeIntervalMs,
    });
  const detail = detailNow();
  const verdict: Preflight = preflight(detail, request);
  const attempt: Attempt = {
    cluster: cluster.name,
    user: who.session,
    address: who.address,
    origin: who.origin,
    request,
  };
  const audit = (
    status: number,
    outcome: ActionOutcome,
    extra: { patroniStatus?: number | null; patroniText?: string | null; node?: string | null } = {},
  ) =>
    recordAudit(
      runtime,
      attemptEvent(attempt, {
        at: started,
        outcome,
        status,
        ...extra,
        problems: verdict.problems.map((p) => (p.member ? `${p.code}:${p.member}` : p.code)),
        durationMs: now() - started,
      }),
    );

  if (!verdict.ok) {
    await audit(409, "preflight_refused");
    return { status: 409, body: { error: "the preflight check refused this action", preflight: verdict } };
  }
  const plan = planRequest(request, detail);
  const nodes = nodesFor(cluster, detail, verdict.target, MEMBER_ACTIONS.has(request.action));
  if (nodes.length === 0) {
    await audit(409, "unreachable");
    return {
      status: 409,
      body: {
        error: "no node of this cluster to send the request to has answered lately",
        preflight: verdict,
      },
    };
  }
  const secrets = cluster.nodes.map((n) => n.client.target.auth?.password ?? "");
  // A client of its own with a long deadline: the poller's client to this node stays free meanwhile.
  const node = nodes[0]!;
  const client = new PatroniHttpClient({ ...node.client.target, timeoutMs: ACTION_TIMEOUT_MS });
  const result: HttpResult = await client.request(plan.method, plan.path, plan.body);
  if (!result.ok) {
    const text = safeText(result.error.message, secrets);
    await audit(502, "unreachable", {
      patroniStatus: result.error.status,
      patroniText: text,
      node: node.url,
    });
    return {
      status: 502,
      body: {
        error: `Patroni did not answer: ${text}`,
        patroni: { status: result.error.status, text },
        node: node.url,
      },
    };
  }
  const succeeded = result.status >= 200 && result.status < 300;
  // PATCH /config answers with the whole new configuration, secrets and all: only what changed is kept.
  const text =
    request.action === "edit-config" && succeeded
      ? `configuration updated: ${patchChanges(detail.config?.raw ?? {}, request.config ?? {})
          .map((c) => c.key)
          .join(", ")}`
      : safeText(result.text, secrets);
  await audit(succeeded ? 200 : 502, succeeded ? "succeeded" : "patroni_refused", {
    patroniStatus: result.status,
    patroniText: text,
    node: node.url,
  });
  const baseline: OutcomeBaseline = {
    leader: detail.leader,
    timeline: detail.timeline,
    candidate: request.candidate ?? null,
  };
  const follows =
    succeeded && (request.action === "switchover" || request.action === "failover") && !request.scheduledAt;
  if (follows)
    void followOutcome(runtime, cluster, request, who.session.username, baseline, started, detailNow, now);
  return {
    status: succeeded ? 200 : 502,
    body: {
      ...(succeeded ? {} : { error: `Patroni answered ${result.status}` }),
      patroni: { status: result.status, text },
      node: node.url,
      preflight: verdict,
      baseline: follows ? baseline : null,
    },
  };
}

const watchers = new Set<AbortController>();

/** Stops every outcome being followed (the process is stopping, or a test ends). */
export function stopOutcomeWatchers(): void {
  for (const watcher of watchers) watcher.abort();
  watchers.clear();
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** Watches the cluster (as the poller sees it) until the outcome checklist completes, then audits it. */
async function followOutcome(
  runtime: Runtime,
  cluster: ClusterState,
  request: ActionRequest,
  user: string,
  baseline: OutcomeBaseline,
  started: number,
  detailNow: () => ClusterDetail,
  now: () => number,
): Promise<void> {
  const firstHeld: Record<string, number | null> = Object.fromEntries(OUTCOME_CHECKS.map((c) => [c, null]));
  let newLeader: string | null = null;
  let done = false;
  const watcher = new AbortController();
  watchers.add(watcher);
  try {
    while (!done && now() - started < OUTCOME_WATCH_MS) {
      await pause(1000, watcher.signal);
      if (watcher.signal.aborted) return;
      const list = outcomeChecklist(baseline, detailNow());
      newLeader = list.newLeader ?? newLeader;
      for (const check of OUTCOME_CHECKS)
        if (list.checks[check] && firstHeld[check] === null) firstHeld[check] = now() - started;
      done = list.done;
    }
    await recordAudit(runtime, {
      kind: "action_outcome",
      at: now(),
      cluster: cluster.name,
      member: newLeader,
      user,
      action: request.action,
      from: baseline.leader,
      to: newLeader,
      checks: firstHeld,
      completed: done,
      durationMs: now() - started,
    });
  } catch (err) {
    console.error("[actions] following the outcome failed:", err);
  } finally {
    watchers.delete(watcher);
  }
}
