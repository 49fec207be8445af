// English texts of the Lab 4 security posture: the panel, its two alerts and their problem lines.
// Spread into en.ts. {daysLeft} and {daysAgo} arrive formatted for the locale.

export const enPosture = {
  "posture.title": "REST API security (TLS)",
  "posture.description":
    "How the dashboard reaches each node's REST API: plain HTTP or HTTPS, and for HTTPS the certificate the node presented on the dashboard's own TLS connection (with the cluster's configured CA).",
  "posture.col.node": "Node",
  "posture.col.scheme": "Protocol",
  "posture.col.certificate": "Certificate",
  "posture.http": "HTTP (not encrypted)",
  "posture.https": "HTTPS (encrypted)",
  "posture.subject": "Subject",
  "posture.altNames": "Alternative names (SAN)",
  "posture.issuer": "Issuer",
  "posture.validTo": "Valid until",
  "posture.daysLeft": "{days} days left",
  "posture.expiredAgo": "expired {days} days ago",
  "posture.hostOk": "matches the host {host}",
  "posture.hostMismatch": "does not match the host {host}",
  "posture.trusted": "trusted by the configured CA",
  "posture.untrusted": "not trusted ({reason})",
  "posture.notRead": "Not read yet: the dashboard reads each node's certificate shortly after start.",
  "posture.readFailed": "Could not read the certificate: {error}",
  "posture.readAt": "read",
  "posture.noCert": "No certificate: the REST API is plain HTTP.",
  "posture.authPlain":
    "REST authentication is configured, but {count} node(s) use plain HTTP: the user name and password cross the network in clear text (Patroni's restapi.certfile turns on HTTPS).",
  "posture.authNone":
    "The dashboard has no REST API credentials configured for this cluster (reading needs none).",
  "posture.authOk":
    "REST authentication is configured, and every node uses HTTPS: the password is sent encrypted only.",

  "alert.tls_cert_expiring.title": "Certificate expires soon",
  "alert.tls_cert_expiring.explanation":
    "The REST API certificate of {member} expires in {daysLeft} days: after that, clients that verify it (HAProxy checks, patronictl, this dashboard) refuse the node.",
  "alert.tls_cert_expiring.explanation.expired":
    "The REST API certificate of {member} expired {daysAgo} days ago: clients that verify it (HAProxy checks, patronictl, this dashboard) refuse the node.",
  "alert.tls_cert_expiring.check":
    "Issue a new certificate for the node, replace restapi.certfile and run `patronictl reload`; `openssl x509 -enddate -noout -in <certfile>` shows its end date.",
  "alert.tls_hostname_mismatch.title": "Certificate does not match the host",
  "alert.tls_hostname_mismatch.explanation":
    "The REST API certificate of {member} does not name {host}, the host the dashboard connects to (it names: {names}): a verifying client refuses it.",
  "alert.tls_hostname_mismatch.check":
    "The certificate's subjectAltName (`openssl x509 -ext subjectAltName -noout -in <certfile>`): it must list the DNS name or IP address clients use.",
  "problem.tls_cert_expiring.title": "Certificate expires soon",
  "problem.tls_cert_expiring.desc":
    "The node's REST API certificate expires within two weeks, or has expired.",
  "problem.tls_hostname_mismatch.title": "Certificate host mismatch",
  "problem.tls_hostname_mismatch.desc":
    "The node's REST API certificate does not name the host clients connect to.",
} as const;
