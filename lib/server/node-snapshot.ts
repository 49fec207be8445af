import "server-only";
import type { NodeDetail } from "@/lib/domain/contracts";
import { getRuntime } from "@/lib/server/runtime";
import { nodeSnapshot } from "@/lib/server/snapshot";

// The node page's first paint: the same node view GET /api/clusters/{name}/nodes/{member} answers,
// plus the poll interval its client island refreshes at (the node view carries no interval itself).

export interface NodePageSnapshot {
  node: NodeDetail | null;
  pollIntervalMs: number;
}

export async function nodePageSnapshot(
  name: string,
  member: string,
  now = Date.now(),
): Promise<NodePageSnapshot> {
  const [runtime, { node }] = await Promise.all([getRuntime(), nodeSnapshot(name, member, now)]);
  return { node, pollIntervalMs: runtime.config.pollIntervalMs };
}
