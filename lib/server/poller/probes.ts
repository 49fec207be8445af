import "server-only";
import type { ErrorKind } from "@/lib/domain/constants";
import {
  PROBE_ENDPOINTS,
  PROBE_PATHS,
  PROBE_SINCE,
  probePath,
  type ProbeEndpoint,
} from "@/lib/domain/endpoints";
import { versionAtLeast } from "@/lib/domain/version";
import { probeStatus } from "@/lib/server/patroni/api";
import type { NodeRecord, ProbeResult } from "@/lib/server/store/node-record";

/** Asked every round: lag against maximum_lag_on_failover and the HA loop's heartbeat are not in /patroni. */
export const EVERY_ROUND: readonly ProbeEndpoint[] = ["liveness", "readiness", "replica_lag"];

/**
 * Never asked by a round: the poll cycle already GETs `/patroni` from every node, and a round only
 * runs on a node whose last poll succeeded, which counts only when it was an HTTP 200 (getStatus). The round
 * records that answer (with its time) instead of sending the same GET a second time.
 */
export const FROM_POLL: readonly ProbeEndpoint[] = ["patroni"];

interface RoundMemory {
  /** The /patroni signature the last complete round was asked under. */
  signature: string;
  /** Which of the rotated endpoints the next partial round asks. */
  turn: number;
}
const memory = new WeakMap<NodeRecord, RoundMemory>();

/**
 * What Patroni's health handlers decide on, as /patroni reports it (plus the ?lag= we ask with): a
 * change in any of it makes the next round a full one.
 */
export function probeSignature(node: NodeRecord, lagBytes: number): string | null {
  const s = node.status;
  if (!s) return null;
  return JSON.stringify([
    s.patroniVersion,
    s.role,
    s.state,
    s.timeline,
    s.replicationState,
    s.syncStandby,
    s.quorumStandby,
    s.paused,
    s.clusterUnlocked,
    s.failsafeActive,
    s.replayPaused,
    s.postmasterStartTime,
    s.tags,
    lagBytes,
  ]);
}

/** The next round must ask everything (the node failed: what it said before is not to be trusted). */
export function forgetProbeRounds(node: NodeRecord): void {
  memory.delete(node);
}

/** The endpoints of this round, in the plan's order: all of them, or the every-round ones plus one in turn. */
export function roundPaths(
  plan: ProbePlan,
  last: { signature: string; turn: number } | undefined,
  signature: string | null,
): { paths: [ProbeEndpoint, string][]; full: boolean } {
  if (!last || signature === null || last.signature !== signature) return { paths: plan.paths, full: true };
  const rotated = plan.paths.filter(([endpoint]) => !EVERY_ROUND.includes(endpoint));
  const picked = rotated.length ? rotated[last.turn % rotated.length] : undefined;
  return { paths: plan.paths.filter((p) => p === picked || EVERY_ROUND.includes(p[0])), full: false };
}

// Health-endpoint probes: every probe interval, each answering node gets one round of GETs (the
// endpoint matrix), one request after the other. A round is started by the poll cycle but not awaited
// by it, so a slow node never delays the cluster's polling; the node's client queues the round's
// requests with the cycle's, so the node still never has more than one request of ours on the wire.
//
// Most rounds are partial. Patroni's health handlers answer from the node's role, state, timeline,
// sync/quorum membership, tags, pause and the DCS lock, all of which /patroni reports every cycle; while
// none of those changed, the answers they gave last time stand. So a round asks every endpoint
// (a full round) only when the node is new, came back from failing, its round was cut short, or its
// /patroni signature changed; otherwise it asks the endpoints whose answer rests on something else
// (replication lag against ?lag=, the HA loop's heartbeat) plus one of the others in turn, so every
// cell is still re-asked of the node itself every few rounds. 4 requests a round instead of 13 (the
// 14th row, /patroni, comes from the poll: FROM_POLL).

export interface ProbePlan {
  paths: [ProbeEndpoint, string][];
  notInVersion: ProbeEndpoint[];
}

/** Which endpoints to request from a node running Patroni `version` (unknown: all of them). */
export function planProbes(version: string | null, lagBytes: number): ProbePlan {
  const plan: ProbePlan = { paths: [], notInVersion: [] };
  for (const endpoint of PROBE_ENDPOINTS) {
    if (FROM_POLL.includes(endpoint)) continue;
    const since = PROBE_SINCE[endpoint];
    // NOTE: an older Patroni answers an endpoint it lacks with the generic 503: asking would only
    // produce a 503 that looks like "unhealthy". It is marked "not in this version" instead.
    if (since && version !== null && !versionAtLeast(version, since)) plan.notInVersion.push(endpoint);
    else plan.paths.push([endpoint, probePath(endpoint, lagBytes)]);
  }
  return plan;
}

/**
 * Is a round due for this node? Not while its previous round runs, not while it is failing (in
 * back-off: the main poll decides when it is tried again), not before it has answered once (its
 * version is unknown). Cycles start on poll-interval boundaries, so half an interval of slack lands
 * the round on the intended cycle instead of the one after.
 */
export function probeDue(
  node: NodeRecord,
  now: number,
  probeIntervalMs: number,
  pollIntervalMs: number,
): boolean {
  if (node.probing || node.failures > 0 || node.status === null) return false;
  return now - node.probeStartedAt >= probeIntervalMs - pollIntervalMs / 2;
}

/**
 * One round: the endpoints in order; the first request that gets no HTTP answer ends it. A partial
 * round keeps the previous answers of the endpoints it did not ask (same signature: same answers).
 */
export async function runProbeRound(
  node: NodeRecord,
  lagBytes: number,
  now: () => number,
  /** A probe that got no HTTP answer (the request-errors metric counts it like any poll request). */
  onError?: (kind: ErrorKind) => void,
  /**
   * The start of the poll cycle that launched this round: the next round is due a probe interval after
   * it (probeDue). Counting from the round's own start instead let slow polls (seconds under HTTP load)
   * push every round back by one more cycle.
   */
  cycleStart?: number,
): Promise<void> {
  const startedAt = now();
  const version = node.status?.patroniVersion ?? null;
  const plan = planProbes(version, lagBytes);
  const signature = probeSignature(node, lagBytes);
  const last = memory.get(node);
  const round = roundPaths(plan, last, signature);
  const results: Partial<Record<ProbeEndpoint, ProbeResult>> = round.full ? {} : { ...node.probe?.results };
  // See FROM_POLL: probeDue let this round start only because the last GET /patroni answered 200.
  if (node.failures === 0 && node.status !== null)
    results.patroni = { path: PROBE_PATHS.patroni, status: 200, error: null };
  let complete = true;
  node.probing = true;
  node.probeStartedAt = cycleStart ?? startedAt;
  try {
    for (const [endpoint, path] of round.paths) {
      const res = await probeStatus(node.client, path);
      if ("error" in res) {
        // A node that does not answer one request will not answer the next: stop, so its queue
        // does not fill with requests that each wait for the full timeout.
        results[endpoint] = { path, status: null, error: res.error.kind };
        onError?.(res.error.kind);
        complete = false;
        break;
      }
      results[endpoint] = { path, status: res.status, error: null };
    }
  } catch (err) {
    complete = false;
    throw err;
  } finally {
    if (complete && signature !== null)
      memory.set(node, { signature, turn: round.full ? 0 : (last?.turn ?? 0) + 1 });
    else memory.delete(node);
    node.probe = { startedAt, finishedAt: now(), version, results, notInVersion: plan.notInVersion };
    node.probing = false;
  }
}
