import type { Severity } from "./constants";
import type { ClusterDetail } from "./contracts";
import type { StatusCheck } from "./contracts-status-check";
import { staleAfterMs } from "./freshness";

// The status URL's verdict on one cluster: OK while no alert is critical and what we show is fresh
// (the same two-interval limit as the screen's "stale" mark). Pure: the view carries its own time.

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function statusCheck(
  detail: Pick<ClusterDetail, "name" | "leader" | "alerts" | "observedAt" | "generatedAt" | "pollIntervalMs">,
): StatusCheck {
  const worst = detail.alerts.reduce<Severity | null>(
    (acc, alert) => (acc === null || RANK[alert.severity] > RANK[acc] ? alert.severity : acc),
    null,
  );
  const fresh =
    detail.observedAt !== null &&
    detail.generatedAt - detail.observedAt <= staleAfterMs(detail.pollIntervalMs);
  return {
    cluster: detail.name,
    ok: fresh && worst !== "critical",
    leader: detail.leader,
    worstSeverity: worst,
    fresh,
    observedAt: detail.observedAt,
    alerts: detail.alerts.map(({ code, severity, member, since }) => ({ code, severity, member, since })),
  };
}
