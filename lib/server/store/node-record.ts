import "server-only";
import type { PollErrorView } from "@/lib/domain/contracts";
import type { ErrorKind } from "@/lib/domain/constants";
import type { CertificateReading } from "@/lib/domain/contracts-posture";
import type { ProbeEndpoint } from "@/lib/domain/endpoints";
import type { PatroniHttpClient } from "@/lib/server/patroni/client";
import type { DcsView, NodeStatus } from "@/lib/server/patroni/normalise";

// What the server knows about one configured (or discovered) node of a cluster: its latest answers,
// its failures and back-off, and its health-endpoint probes and TLS reading. Held by ClusterState.

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
  /** The last /patroni body as sent (validated), for the node view. */
  raw: Record<string, unknown> | null;
  /** The poll cycle whose /cluster `dcs` is (views of one cycle are compared with each other). */
  dcsCycle: number | null;
  /** When (our clock) the node's dcs_last_seen last advanced: a value that stops moving is a lost DCS. */
  dcsLastSeenAdvancedAt: number | null;
  /** The last finished (or aborted) health-endpoint probe round; null before the first. */
  probe: ProbeRound | null;
  /** A probe round is on its way: the next one waits for it (probes never pile up on a node). */
  probing: boolean;
  probeStartedAt: number;
  /** https nodes: the certificate read for the posture panel (lib/server/posture); null before one. */
  tlsReading: CertificateReading | null;
  /** A posture handshake is on its way (one at a time, in the node's request queue). */
  tlsReadingBusy: boolean;
}

export interface ProbeResult {
  path: string;
  status: number | null;
  error: ErrorKind | null;
}

export interface ProbeRound {
  startedAt: number;
  finishedAt: number;
  /** The Patroni version the round was planned for (decides which endpoints exist). */
  version: string | null;
  results: Partial<Record<ProbeEndpoint, ProbeResult>>;
  /** Endpoints this node's Patroni does not have, so they were not requested. */
  notInVersion: ProbeEndpoint[];
}

/** A node not yet polled. */
export function newNodeRecord(client: PatroniHttpClient): NodeRecord {
  return {
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
    raw: null,
    dcsCycle: null,
    dcsLastSeenAdvancedAt: null,
    probe: null,
    probing: false,
    probeStartedAt: Number.NEGATIVE_INFINITY,
    tlsReading: null,
    tlsReadingBusy: false,
  };
}
