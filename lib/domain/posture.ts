import { CERT_EXPIRY_WARNING_DAYS, type Certificate, type NodePosture } from "./contracts-posture";

export { CERT_EXPIRY_WARNING_DAYS };

// Pure readings of the TLS posture: days to expiry and which findings it raises. Time is a parameter.

const DAY_MS = 86_400_000;

/** Whole days left until validTo (negative once expired; 0 on its last day). */
export function daysToExpiry(validTo: number, nowMs: number): number {
  return Math.floor((validTo - nowMs) / DAY_MS);
}

export type CertificateFinding =
  | { kind: "expiring"; daysLeft: number; validTo: number }
  | { kind: "expired"; daysLeft: number; validTo: number }
  | { kind: "hostname_mismatch"; host: string; subjectAltNames: string[] };

/** What is wrong with one node's certificate at `nowMs` (none for http, or before the first reading). */
export function certificateFindings(
  node: Pick<NodePosture, "host"> & { certificate: Certificate | null },
  nowMs: number,
  warningDays = CERT_EXPIRY_WARNING_DAYS,
): CertificateFinding[] {
  const cert = node.certificate;
  if (!cert) return [];
  const out: CertificateFinding[] = [];
  const daysLeft = daysToExpiry(cert.validTo, nowMs);
  if (cert.validTo <= nowMs) out.push({ kind: "expired", daysLeft, validTo: cert.validTo });
  else if (cert.validTo - nowMs <= warningDays * DAY_MS)
    out.push({ kind: "expiring", daysLeft, validTo: cert.validTo });
  if (!cert.hostnameMatches)
    out.push({ kind: "hostname_mismatch", host: node.host, subjectAltNames: cert.subjectAltNames });
  return out;
}
