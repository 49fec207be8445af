import "server-only";
import type { NodeRecord } from "@/lib/server/store/node-record";
import { readCertificate } from "./tls-reader";

// When the posture panel's certificates are read. A certificate changes when someone rolls a new one
// out, not between two polls, so each https node gets one handshake when first seen and then one every
// ten minutes: days to expiry are computed against the clock at every view, not at the reading.

/** How often each https node's certificate is read again. */
export const CERT_READ_INTERVAL_MS = 10 * 60_000;

export function certificateDue(node: NodeRecord, now: number): boolean {
  if (node.tlsReadingBusy || !node.url.startsWith("https:")) return false;
  return node.tlsReading === null || now - node.tlsReading.readAt >= CERT_READ_INTERVAL_MS;
}

/** Starts the due readings without waiting for them; `done` runs after each one lands. */
export function startCertificateReads(
  nodes: readonly NodeRecord[],
  now: () => number,
  done: () => void,
): void {
  const at = now();
  for (const node of nodes) {
    if (!certificateDue(node, at)) continue;
    node.tlsReadingBusy = true;
    node.client
      .exclusive(() => readCertificate(node.client.target, now))
      .then((reading) => {
        node.tlsReading = reading;
      })
      .finally(() => {
        node.tlsReadingBusy = false;
        done();
      })
      .catch(() => undefined);
  }
}
