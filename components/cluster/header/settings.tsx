"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER } from "@/lib/domain/constants";
import { formatBytes, formatDuration } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";

/** The dynamic configuration that decides failover behaviour, in one line of label/value pairs. */
export function ClusterSettings({
  config,
  lagWarningBytes = null,
}: {
  config: ClusterDetail["config"];
  /** The dashboard's own lag_warning_bytes for this cluster, shown only when it is set. */
  lagWarningBytes?: number | null;
}) {
  const t = useT();
  const locale = useLocale();
  const seconds = (value: number | null) => (value === null ? "—" : formatDuration(value * 1000, locale));
  const items: Array<[string, string]> = config
    ? [
        [
          t("config.syncMode"),
          `${t(`config.syncMode.${config.synchronousMode}`)}${config.synchronousModeStrict ? ` (${t("config.strict")})` : ""}`,
        ],
        [
          t("config.maxLag"),
          config.maximumLagOnFailover === null
            ? t("config.maxLagDefault", { value: formatBytes(DEFAULT_MAXIMUM_LAG_ON_FAILOVER, locale) })
            : formatBytes(config.maximumLagOnFailover, locale),
        ],
        ...(lagWarningBytes === null
          ? []
          : ([[t("config.lagWarning"), formatBytes(lagWarningBytes, locale)]] as Array<[string, string]>)),
        [t("config.ttl"), seconds(config.ttl)],
        [t("config.loopWait"), seconds(config.loopWait)],
        [t("config.failsafe"), config.failsafeMode ? t("config.on") : t("config.off")],
      ]
    : [[t("config.title"), t("config.unknown")]];
  return (
    <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-label={t("config.title")}>
      {items.map(([label, value]) => (
        <div key={label} className="flex gap-1.5">
          <dt className="text-muted">{label}:</dt>
          <dd className="font-semibold">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
