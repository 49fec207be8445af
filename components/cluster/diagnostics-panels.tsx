"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { WidgetBoundary } from "@/components/states/widget-boundary";
import { ConfigView } from "./config-view/config-view";
import { EndpointMatrix } from "./endpoint-matrix/endpoint-matrix";
import { HaproxyConfig } from "./endpoint-matrix/haproxy-config";
import { ReadinessPanel } from "./readiness/readiness-panel";
import { TlsPosturePanel } from "./posture/tls-posture";

// The cluster page's diagnostics section, composed here so the screen's client island only
// places it: failover readiness and the haproxy.cfg beside the endpoint matrix with its routing; and
// the config view. Each widget has its own error boundary; all data comes from the one cluster query.

export function DiagnosticsPanels({
  detail,
  name,
  mounted,
}: {
  detail: ClusterDetail;
  name: string;
  mounted: boolean;
}) {
  const t = useT();
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)] xl:items-start">
      <div className="flex min-w-0 flex-col gap-4">
        <WidgetBoundary title={t("readiness.title")} resetKey={detail.generatedAt}>
          <ReadinessPanel readiness={detail.readiness} />
        </WidgetBoundary>
        <WidgetBoundary title={t("haproxy.title")} resetKey={name}>
          <HaproxyConfig clusterName={name} />
        </WidgetBoundary>
        <WidgetBoundary title={t("posture.title")} resetKey={detail.generatedAt}>
          <TlsPosturePanel posture={detail.tlsPosture} nowMs={detail.generatedAt} mounted={mounted} />
        </WidgetBoundary>
      </div>
      <WidgetBoundary title={t("matrix.title")} resetKey={detail.generatedAt}>
        <EndpointMatrix detail={detail} mounted={mounted} />
      </WidgetBoundary>
    </div>
  );
}

export function ConfigSection({
  detail,
  mounted,
  editable = false,
}: {
  detail: ClusterDetail;
  mounted: boolean;
  /** Login is configured: a signed-in admin may edit the configuration. */
  editable?: boolean;
}) {
  const t = useT();
  return (
    <WidgetBoundary title={t("cfg.title")} resetKey={detail.generatedAt}>
      <ConfigView detail={detail} mounted={mounted} editable={editable} />
    </WidgetBoundary>
  );
}
