"use client";

import type { NodePosture, TlsPosture } from "@/lib/domain/contracts-posture";
import { formatNumber } from "@/lib/domain/format";
import { certificateFindings, daysToExpiry } from "@/lib/domain/posture";
import { useLocale, useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";

// Lab 4's security posture: per node HTTP or HTTPS and, for HTTPS, the certificate the node showed
// the dashboard's own TLS connection — subject, SANs, issuer, days to expiry, host name and trust —
// plus one line on REST authentication. Days are counted against the server's generatedAt (the same
// clock the alerts use), so the server render and the browser agree.

function AuthNote({ posture }: { posture: TlsPosture }) {
  const t = useT();
  const withAuth = posture.nodes.filter((n) => n.restAuth);
  const plain = withAuth.filter((n) => n.scheme === "http");
  if (plain.length > 0)
    return (
      <p className="text-sm" data-testid="posture-auth" data-auth="plain">
        <Badge variant="warn">{t("posture.http")}</Badge> {t("posture.authPlain", { count: plain.length })}
      </p>
    );
  return (
    <p
      className="text-sm text-muted"
      data-testid="posture-auth"
      data-auth={withAuth.length ? "https" : "none"}
    >
      {withAuth.length ? t("posture.authOk") : t("posture.authNone")}
    </p>
  );
}

function CertificateCell({
  node,
  nowMs,
  warningDays,
  mounted,
}: {
  node: NodePosture;
  nowMs: number;
  warningDays: number;
  mounted: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  if (node.scheme === "http") return <span className="text-muted">{t("posture.noCert")}</span>;
  const reading = node.reading;
  if (!reading) return <span className="text-muted">{t("posture.notRead")}</span>;
  const cert = reading.certificate;
  if (!cert)
    return (
      <span className="text-crit-strong" data-testid="posture-error">
        {t("posture.readFailed", { error: reading.error ?? "—" })}
      </span>
    );
  const days = daysToExpiry(cert.validTo, nowMs);
  const findings = certificateFindings({ host: node.host, certificate: cert }, nowMs, warningDays);
  const expiryTone = findings.some((f) => f.kind === "expired")
    ? "crit"
    : findings.some((f) => f.kind === "expiring")
      ? "warn"
      : "ok";
  const row = "grid grid-cols-[9.5rem_minmax(0,1fr)] items-baseline gap-x-3";
  const term = "text-xs font-semibold uppercase tracking-wide text-muted";
  return (
    <dl className="flex min-w-0 flex-col gap-1 text-sm" data-testid="posture-certificate">
      <div className={row}>
        <dt className={term}>{t("posture.subject")}</dt>
        <dd className="font-mono break-words" data-testid="posture-subject">
          {cert.subject.replace(/\n/g, ", ")}
        </dd>
      </div>
      <div className={row}>
        <dt className={term}>{t("posture.altNames")}</dt>
        <dd className="flex flex-wrap gap-x-2 font-mono" data-testid="posture-sans">
          {cert.subjectAltNames.length
            ? cert.subjectAltNames.map((name, i) => (
                // The list wraps between names; a name breaks inside only if it alone is too long.
                <span key={name} className="break-words">
                  {name}
                  {i < cert.subjectAltNames.length - 1 ? ", " : ""}
                </span>
              ))
            : "—"}
        </dd>
      </div>
      <div className={row}>
        <dt className={term}>{t("posture.issuer")}</dt>
        <dd className="font-mono break-words">{cert.issuer.replace(/\n/g, ", ")}</dd>
      </div>
      <div className={row}>
        <dt className={term}>{t("posture.validTo")}</dt>
        <dd className="flex flex-wrap items-center gap-2">
          <DateTime ms={cert.validTo} mounted={mounted} className="tabular-nums" />
          <Badge variant={expiryTone} testId="posture-days">
            <span data-days={days}>
              {days < 0
                ? t("posture.expiredAgo", { days: formatNumber(-days, locale) })
                : t("posture.daysLeft", { days: formatNumber(days, locale) })}
            </span>
          </Badge>
        </dd>
      </div>
      <div className="flex flex-wrap gap-2">
        <Badge variant={cert.hostnameMatches ? "ok" : "warn"} testId="posture-host">
          {cert.hostnameMatches
            ? t("posture.hostOk", { host: node.host })
            : t("posture.hostMismatch", { host: node.host })}
        </Badge>
        <Badge variant={cert.trusted ? "ok" : "warn"} testId="posture-trust">
          {cert.trusted ? t("posture.trusted") : t("posture.untrusted", { reason: cert.trustError ?? "—" })}
        </Badge>
      </div>
    </dl>
  );
}

function schemeLabel(t: T, node: NodePosture): string {
  return node.scheme === "https" ? t("posture.https") : t("posture.http");
}

export function TlsPosturePanel({
  posture,
  nowMs,
  mounted,
}: {
  posture: TlsPosture;
  /** The server's clock at this view (detail.generatedAt): what days to expiry count from. */
  nowMs: number;
  mounted: boolean;
}) {
  const t = useT();
  return (
    <Panel
      id="tls-posture"
      title={t("posture.title")}
      description={t("posture.description")}
      testId="tls-posture"
    >
      <AuthNote posture={posture} />
      {posture.nodes.length === 0 ? (
        <EmptyState title={t("posture.notRead")} />
      ) : (
        <ul className="flex flex-col divide-y divide-line">
          {posture.nodes.map((node) => (
            <li
              key={node.apiUrl}
              className="flex flex-col gap-2 py-2"
              data-testid="posture-node"
              data-member={node.member ?? node.apiUrl}
              data-scheme={node.scheme}
            >
              <div className="flex min-w-0 flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="font-semibold break-all">{node.member ?? node.apiUrl}</span>
                <span className="font-mono text-xs text-muted break-all">{node.apiUrl}</span>
                <Badge variant={node.scheme === "https" ? "ok" : node.restAuth ? "warn" : "neutral"}>
                  {schemeLabel(t, node)}
                </Badge>
              </div>
              <div className="min-w-0 flex-1">
                <CertificateCell
                  node={node}
                  nowMs={nowMs}
                  warningDays={posture.expiryWarningDays}
                  mounted={mounted}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
