"use client";

import type { ConfigHistoryEntry } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/states/states";
import { configValueText } from "./config-keys";
import { SettingKey } from "./setting-key";
import { DataTable } from "@/components/ui/data-table";

// What changed in /config and when, newest first, as the dashboard saw it while polling. Values are
// as stored in the DCS (secrets already redacted by the server); absent values read "—".

const KIND_VARIANT = { added: "ok", removed: "crit", changed: "accent" } as const;

export function ConfigHistory({
  history,
  mounted,
}: {
  history: readonly ConfigHistoryEntry[];
  mounted: boolean;
}) {
  const t = useT();
  const entries = [...history].reverse();
  const value = (v: unknown) => (v === null || v === undefined ? "—" : configValueText(v));
  return (
    <section aria-labelledby="config-history-title" className="flex flex-col gap-2 border-t border-line pt-3">
      <div>
        <h3 id="config-history-title" className="text-sm font-bold">
          {t("cfg.history.title")}
        </h3>
        <p className="panel-description text-sm text-muted">{t("cfg.history.description")}</p>
      </div>
      {entries.length === 0 ? (
        <EmptyState title={t("cfg.history.empty")} />
      ) : (
        <DataTable headers={[t("cfg.history.col.when"), t("cfg.col.key"), t("cfg.history.col.change")]}>
          {entries.flatMap((entry) =>
            entry.changes.map((change, i) => (
              <tr
                key={`${entry.at}-${change.key}`}
                data-testid="config-change"
                data-key={change.key}
                data-kind={change.kind}
                data-at={entry.at}
                className="border-t border-line"
              >
                <td className="px-1.5 py-1.5 align-top whitespace-nowrap tabular-nums">
                  {i === 0 ? <DateTime ms={entry.at} mounted={mounted} /> : null}
                </td>
                <th scope="row" className="px-1.5 py-1.5 text-left align-top font-normal">
                  <SettingKey name={change.key} className="font-semibold" />
                </th>
                <td className="px-1.5 py-1.5 align-top">
                  <span className="flex flex-wrap items-center gap-1.5">
                    <Badge variant={KIND_VARIANT[change.kind]} icon={false}>
                      {t(`cfg.history.kind.${change.kind}`)}
                    </Badge>
                    <code className="font-mono break-all">{value(change.oldValue)}</code>
                    <span aria-hidden="true">→</span>
                    <code className="font-mono font-semibold break-all">{value(change.newValue)}</code>
                  </span>
                </td>
              </tr>
            )),
          )}
        </DataTable>
      )}
    </section>
  );
}
