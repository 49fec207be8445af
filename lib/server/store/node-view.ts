import "server-only";
import { redactSecrets } from "@/lib/domain/config-diff";
import type { ClusterDetail, NodeDetail } from "@/lib/domain/contracts";
import { formatServerVersion } from "@/lib/domain/version";
import type { ReplicationRow } from "@/lib/server/patroni/normalise";
import type { ClusterState } from "./cluster-state";
import { statusFields } from "./status-fields";

// One member's own /patroni, explained (GET /api/clusters/{name}/nodes/{member}): the last answer of
// its node as normalised fields, plus the raw body. Built from the store; never calls Patroni.

/** The node view of `member`, or null when the cluster has no such member. */
export function buildNodeDetail(
  state: ClusterState,
  detail: ClusterDetail,
  member: string,
): NodeDetail | null {
  const view = detail.members.find((m) => m.name === member);
  const node = state.nodes.find((n) => n.memberName === member);
  if (!view && !node) return null;
  const status = node?.status ?? null;
  const leaderNode = detail.leader ? state.nodes.find((n) => n.memberName === detail.leader) : undefined;
  const upstream =
    member === detail.leader
      ? null
      : (leaderNode?.status?.replication.find((r) => r.applicationName === member) ?? null);
  return {
    cluster: detail.name,
    member,
    apiUrl: node?.url ?? view?.apiUrl ?? null,
    reachable: view?.reachable ?? null,
    lastError: node?.lastError ?? null,
    observedAt: node?.statusAt ?? null,
    ...statusFields(status),
    dcsRole: view?.inDcs ? view.role : null,
    state: status?.state ?? null,
    timeline: status?.timeline ?? null,
    wal: {
      location: status?.walLocation ?? null,
      receivedLocation: status?.receivedLocation ?? null,
      replayedLocation: status?.replayedLocation ?? null,
    },
    serverVersionText: formatServerVersion(status?.serverVersion ?? null),
    systemIdentifier: status?.systemIdentifier ?? null,
    tags: status?.tags ?? view?.tags ?? {},
    replication: (status?.replication ?? []).map(copyRow),
    upstream: upstream ? copyRow(upstream) : null,
    paused: status?.paused ?? detail.paused,
    pendingRestart: status?.pendingRestart ?? view?.pendingRestart ?? false,
    pendingRestartReason: status?.pendingRestartReason ?? view?.pendingRestartReason ?? [],
    scheduledRestartAt: status?.scheduledRestartAt ?? null,
    raw: node?.raw ? (redactSecrets(node.raw) as Record<string, unknown>) : null,
  };
}

function copyRow(row: ReplicationRow): ReplicationRow {
  return { ...row };
}
