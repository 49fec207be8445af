import "server-only";
import type { NodeStatusFields } from "@/lib/domain/contracts";
import type { NodeStatus } from "@/lib/server/patroni/normalise";

/** A node's last /patroni answer as the contract names it: the one mapping the member list and the node page share. */
export function statusFields(status: NodeStatus | null): NodeStatusFields {
  return {
    patroniRole: status?.role ?? null,
    replicationState: status?.replicationState ?? null,
    replayPaused: status?.replayPaused ?? false,
    replayedTimestamp: status?.replayedTimestamp ?? null,
    postmasterStartTime: status?.postmasterStartTime ?? null,
    serverVersion: status?.serverVersion ?? null,
    patroniVersion: status?.patroniVersion ?? null,
    clusterUnlocked: status?.clusterUnlocked ?? false,
    failsafeActive: status?.failsafeActive ?? false,
    dcsLastSeen: status?.dcsLastSeen ?? null,
  };
}
