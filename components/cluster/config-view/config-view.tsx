"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { DEFAULT_MAXIMUM_LAG_ON_FAILOVER } from "@/lib/domain/constants";
import { formatBytes, formatDuration, formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import type { Locale, T } from "@/lib/i18n/core";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { DataTable } from "@/components/ui/data-table";
import { ConfigEditor } from "./config-editor";
import { ConfigHistory } from "./config-history";
import { configValueText, otherConfigKeys, postgresParameters } from "./config-keys";
import { SettingKey } from "./setting-key";

// Patroni's dynamic configuration (/config) made readable: the settings that decide failover, each
// with what it does; the PostgreSQL parameters; every other key as stored; and what changed and when.

type Config = NonNullable<ClusterDetail["config"]>;

/** Patroni's defaults when /config does not set a value (seconds). */
const DEFAULT_SECONDS = { ttl: 30, loop_wait: 10, retry_timeout: 10 } as const;

interface Row {
  key: string;
  value: string;
}

function settingRows(t: T, locale: Locale, config: Config): Row[] {
  const onOff = (value: boolean) => (value ? t("config.on") : t("config.off"));
  const seconds = (value: number | null, key: keyof typeof DEFAULT_SECONDS) =>
    value === null
      ? t("cfg.default", { value: formatDuration(DEFAULT_SECONDS[key] * 1000, locale) })
      : formatDuration(value * 1000, locale);
  const lag = config.maximumLagOnFailover;
  const lagText = (bytes: number) =>
    `${formatBytes(bytes, locale)} (${t("node.bytes", { bytes: formatNumber(bytes, locale) })})`;
  const nodeCount = config.raw.synchronous_node_count;
  const rows: Row[] = [
    { key: "ttl", value: seconds(config.ttl, "ttl") },
    { key: "loop_wait", value: seconds(config.loopWait, "loop_wait") },
    { key: "retry_timeout", value: seconds(config.retryTimeout, "retry_timeout") },
    {
      key: "maximum_lag_on_failover",
      value:
        lag === null ? t("cfg.default", { value: lagText(DEFAULT_MAXIMUM_LAG_ON_FAILOVER) }) : lagText(lag),
    },
    { key: "synchronous_mode", value: t(`config.syncMode.${config.synchronousMode}`) },
    { key: "synchronous_mode_strict", value: onOff(config.synchronousModeStrict) },
  ];
  if (config.synchronousMode !== "off" || nodeCount !== undefined) {
    rows.push({
      key: "synchronous_node_count",
      value:
        typeof nodeCount === "number"
          ? formatNumber(nodeCount, locale)
          : t("cfg.default", { value: formatNumber(1, locale) }),
    });
  }
  rows.push(
    { key: "failsafe_mode", value: onOff(config.failsafeMode) },
    { key: "pause", value: onOff(config.paused) },
  );
  return rows;
}

function explain(t: T, key: string): string | null {
  const last = key.split(".").at(-1) ?? key;
  const name = last === "master_start_timeout" ? "primary_start_timeout" : last;
  const messageKey = `cfg.explain.${name}`;
  return t.has(messageKey) ? t(messageKey) : null;
}

const td = "px-1.5 py-1.5 align-top";

function KeyTable({ rows, t, testId }: { rows: Row[]; t: T; testId: string }) {
  return (
    <DataTable headers={[t("cfg.col.key"), t("cfg.col.value"), t("cfg.col.meaning")]} secondary={[2]}>
      {rows.map((row) => (
        <tr key={row.key} data-testid={testId} data-key={row.key} className="border-t border-line">
          <th scope="row" className={`${td} text-left font-normal`}>
            <SettingKey name={row.key} className="font-semibold" />
          </th>
          <td className={`${td} font-semibold break-words`}>{row.value}</td>
          <td className={`${td} col-secondary text-muted`}>{explain(t, row.key) ?? ""}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function ConfigView({
  detail,
  mounted,
  editable = false,
}: {
  detail: Pick<ClusterDetail, "config" | "configHistory"> & { name?: string };
  mounted: boolean;
  /** Login is configured: offer the editor (it shows only for a signed-in admin). */
  editable?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const { config } = detail;
  const params = config ? postgresParameters(config.raw) : [];
  const others = config ? otherConfigKeys(config.raw) : [];
  return (
    <Panel id="config-view" title={t("cfg.title")} description={t("cfg.description")} testId="config-view">
      {!config ? (
        <EmptyState title={t("cfg.none")} />
      ) : (
        <div className="flex flex-col gap-4">
          {editable && detail.name ? <ConfigEditor cluster={detail.name} config={config} /> : null}
          <div className="grid gap-4 xl:grid-cols-2">
            <div className="flex min-w-0 flex-col gap-4">
              <KeyTable rows={settingRows(t, locale, config)} t={t} testId="config-setting" />
              {others.length > 0 ? (
                <section aria-labelledby="config-other-title" className="flex flex-col gap-1">
                  <h3 id="config-other-title" className="text-sm font-bold">
                    {t("cfg.other.title")}
                  </h3>
                  <KeyTable
                    rows={others.map(([key, value]) => ({ key, value: configValueText(value) }))}
                    t={t}
                    testId="config-other"
                  />
                </section>
              ) : null}
            </div>
            <section aria-labelledby="config-params-title" className="flex min-w-0 flex-col gap-1">
              <h3 id="config-params-title" className="text-sm font-bold">
                {t("cfg.params.title")}
              </h3>
              <p className="panel-description text-sm text-muted">{t("cfg.params.description")}</p>
              {params.length === 0 ? (
                <EmptyState title={t("cfg.params.empty")} />
              ) : (
                <DataTable headers={[t("cfg.params.col.name"), t("cfg.col.value")]}>
                  {params.map(([name, value]) => (
                    <tr
                      key={name}
                      data-testid="config-parameter"
                      data-key={name}
                      className="border-t border-line"
                    >
                      <th scope="row" className={`${td} text-left font-normal`}>
                        <SettingKey name={name} />
                      </th>
                      <td className={`${td} font-mono font-semibold break-all`}>{configValueText(value)}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </section>
          </div>
        </div>
      )}
      <ConfigHistory history={detail.configHistory} mounted={mounted} />
    </Panel>
  );
}
