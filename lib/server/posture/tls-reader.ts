import "server-only";
import { X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import tls from "node:tls";
import type { Certificate, CertificateReading } from "@/lib/domain/contracts-posture";
import { classifyNetworkError, lookup, type NodeTarget } from "@/lib/server/patroni/client";

// The certificate a node presents, read on the dashboard's own TLS connection with the cluster's
// configured CA and client certificate: a handshake and nothing else (no HTTP request, no credentials
// sent). Verification is not enforced here (rejectUnauthorized: false) so that a certificate the
// poller refuses (wrong host name, unknown CA, expired) can still be shown and explained; whether it
// verifies is reported instead.

/** https://host:port of a node URL, with the host unbracketed for IPv6. */
export function tlsEndpoint(url: string): { host: string; port: number } {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  return { host, port: Number(u.port || 443) };
}

/** OpenSSL's date ("Nov 25 19:23:41 2028 GMT") as epoch ms. */
function certTime(text: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new Error(`unreadable certificate date ${JSON.stringify(text)}`);
  return ms;
}

export function describeCertificate(
  raw: Buffer,
  host: string,
  trust: { authorized: boolean; error: string | null },
): Certificate {
  const x509 = new X509Certificate(raw);
  // NOTE: Node's own rule (SANs first, the CN only without any DNS SAN; IPs only against IP SANs),
  // the same one the poller's https requests apply.
  const mismatch = tls.checkServerIdentity(host, x509.toLegacyObject());
  return {
    subject: x509.subject,
    subjectAltNames: (x509.subjectAltName ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    issuer: x509.issuer,
    validFrom: certTime(x509.validFrom),
    validTo: certTime(x509.validTo),
    serialNumber: x509.serialNumber,
    fingerprint256: x509.fingerprint256,
    hostnameMatches: mismatch === undefined,
    hostnameError: mismatch ? mismatch.message : null,
    trusted: trust.authorized,
    trustError: trust.authorized ? null : trust.error,
  };
}

/** One handshake with the node; never throws, never outlives target.timeoutMs. */
export function readCertificate(target: NodeTarget, now: () => number): Promise<CertificateReading> {
  const { host, port } = tlsEndpoint(target.url);
  const settings = target.tls;
  return new Promise((resolve) => {
    let done = false;
    const finish = (certificate: Certificate | null, error: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      socket.destroy();
      resolve({ readAt: now(), certificate, error });
    };
    const socket = tls.connect({
      host,
      port,
      // SNI carries a name, never an address (RFC 6066 §3).
      ...(isIP(host) ? {} : { servername: host }),
      ca: settings?.ca ?? undefined,
      cert: settings?.cert ?? undefined,
      key: settings?.key ?? undefined,
      rejectUnauthorized: false,
      // Checked in describeCertificate instead, so that a mismatch is reported, not fatal.
      checkServerIdentity: () => undefined,
      lookup,
    });
    const deadline = setTimeout(
      () => finish(null, `no TLS handshake within ${target.timeoutMs} ms`),
      target.timeoutMs,
    );
    socket.once("secureConnect", () => {
      try {
        const peer = socket.getPeerCertificate();
        if (!peer?.raw) return finish(null, "the node presented no certificate");
        const error = socket.authorizationError;
        finish(
          describeCertificate(peer.raw, host, {
            authorized: socket.authorized,
            error: error ? String((error as NodeJS.ErrnoException).code ?? error) : null,
          }),
          null,
        );
      } catch (err) {
        finish(null, `the certificate could not be read: ${(err as Error).message}`);
      }
    });
    socket.once("error", (err: NodeJS.ErrnoException) => finish(null, classifyNetworkError(err).reason));
  });
}
