import "server-only";
import type { TlsPosture } from "@/lib/domain/contracts-posture";
import { CERT_EXPIRY_WARNING_DAYS } from "@/lib/domain/posture";
import type { ClusterState } from "./cluster-state";

// The TLS posture part of the cluster view: per node its scheme, whether REST auth is configured (a
// boolean: the credentials stay in the client's target) and its last certificate reading.

export function tlsPostureView(state: ClusterState): TlsPosture {
  return {
    expiryWarningDays: CERT_EXPIRY_WARNING_DAYS,
    nodes: state.nodes.map((node) => {
      const url = new URL(node.url);
      const https = url.protocol === "https:";
      return {
        member: node.memberName,
        apiUrl: node.url,
        scheme: https ? "https" : "http",
        host: url.hostname.replace(/^\[|\]$/g, ""),
        restAuth: node.client.target.auth !== null,
        reading: https ? node.tlsReading : null,
      };
    }),
  };
}
