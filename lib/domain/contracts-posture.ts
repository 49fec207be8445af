import { z } from "zod";

// The Lab 4 security posture of a cluster's REST API, as the contract carries it: per node the scheme,
// whether REST authentication is configured (a yes/no: never the user name or password), and for HTTPS
// the certificate the node presented to the dashboard's own TLS connection. Public certificate facts
// only: no key, no PEM. Times are epoch milliseconds. A leaf: imports zod only.

/**
 * A certificate is flagged once 14 days or less remain before it expires: two weeks leave room to get a new one
 * issued and rolled out on every node (Patroni reloads it on `patronictl reload`) before clients and
 * the dashboard start refusing the node.
 */
export const CERT_EXPIRY_WARNING_DAYS = 14;

export const NODE_SCHEMES = ["http", "https"] as const;
export type NodeScheme = (typeof NODE_SCHEMES)[number];

export const certificateSchema = z.object({
  /** The subject's distinguished name, one RDN per line as OpenSSL prints it ("CN=localhost"). */
  subject: z.string(),
  /** subjectAltName entries as written in the certificate ("DNS:localhost", "IP Address:127.0.0.1"). */
  subjectAltNames: z.array(z.string()),
  issuer: z.string(),
  validFrom: z.number(),
  validTo: z.number(),
  serialNumber: z.string(),
  fingerprint256: z.string(),
  /** The node URL's host is one the certificate names (Node's checkServerIdentity: SANs, else the CN). */
  hostnameMatches: z.boolean(),
  /** Why not, when it does not ("Host: 127.0.0.2. is not in the cert's altnames: …"). */
  hostnameError: z.string().nullable(),
  /** The chain verifies against the configured CA (or the system's when none is configured). */
  trusted: z.boolean(),
  /** OpenSSL's reason when it does not ("SELF_SIGNED_CERT_IN_CHAIN", "CERT_HAS_EXPIRED"…). */
  trustError: z.string().nullable(),
});
export type Certificate = z.infer<typeof certificateSchema>;

/** The last TLS handshake the dashboard made with a node for this panel: the certificate, or why none. */
export const certificateReadingSchema = z.object({
  readAt: z.number(),
  certificate: certificateSchema.nullable(),
  /** Set when the handshake failed (refused, timeout, not TLS…): then certificate is null. */
  error: z.string().nullable(),
});
export type CertificateReading = z.infer<typeof certificateReadingSchema>;

export const nodePostureSchema = z.object({
  member: z.string().nullable(),
  apiUrl: z.string(),
  scheme: z.enum(NODE_SCHEMES),
  host: z.string(),
  /** REST basic auth is configured for this node (the credentials themselves never leave the server). */
  restAuth: z.boolean(),
  /** https only; null until the first handshake (and always for http). */
  reading: certificateReadingSchema.nullable(),
});
export type NodePosture = z.infer<typeof nodePostureSchema>;

export const tlsPostureSchema = z.object({
  /** Days before expiry from which a certificate is flagged (lib/domain/posture.ts). */
  expiryWarningDays: z.number(),
  nodes: z.array(nodePostureSchema),
});
export type TlsPosture = z.infer<typeof tlsPostureSchema>;
