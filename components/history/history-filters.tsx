"use client";

import { HISTORY_EVENT_KINDS, type HistoryEventKind } from "@/lib/domain/constants";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { kindLabel } from "./history-text";

/** The history screen's time ranges; "all" is whatever the retention has kept. */
export const HISTORY_RANGES = ["1h", "6h", "24h", "7d", "all"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const HISTORY_RANGE_MS: Record<Exclude<HistoryRange, "all">, number> = {
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 24 * 3_600_000,
};

export interface HistoryFilter {
  kind: HistoryEventKind | null;
  member: string | null;
  cluster: string | null;
  range: HistoryRange;
}

const selectClass =
  "rounded-md border border-line bg-surface px-2 py-1 text-sm text-text focus-visible:outline-2 focus-visible:outline-accent";

export function HistoryFilters({
  value,
  onChange,
  members,
  clusters,
}: {
  value: HistoryFilter;
  onChange: (next: HistoryFilter) => void;
  members: readonly string[];
  /** null on a cluster's own history (the cluster is fixed). */
  clusters: readonly string[] | null;
}) {
  const t = useT();
  return (
    <form
      aria-label={t("historyView.filters")}
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">
          {t("historyView.filter.range")}
        </legend>
        <div role="group" className="flex flex-wrap gap-1">
          {HISTORY_RANGES.map((range) => (
            <button
              key={range}
              type="button"
              aria-pressed={value.range === range}
              data-range={range}
              onClick={() => onChange({ ...value, range })}
              className={cn(
                "rounded-md border px-2.5 py-1 text-sm font-semibold",
                value.range === range
                  ? "border-accent bg-accent-soft text-accent-strong"
                  : "border-line text-muted hover:text-text",
              )}
            >
              {t(range === "all" ? "historyView.range.all" : `historyView.range.${range}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <label className="flex flex-col gap-1 text-xs font-semibold uppercase tracking-wide text-muted">
        {t("historyView.filter.kind")}
        <select
          name="kind"
          className={selectClass}
          value={value.kind ?? ""}
          onChange={(e) => onChange({ ...value, kind: (e.target.value || null) as HistoryEventKind | null })}
        >
          <option value="">{t("historyView.filter.anyKind")}</option>
          {HISTORY_EVENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabel(t, kind)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-semibold uppercase tracking-wide text-muted">
        {t("historyView.filter.member")}
        <select
          name="member"
          className={selectClass}
          value={value.member ?? ""}
          onChange={(e) => onChange({ ...value, member: e.target.value || null })}
        >
          <option value="">{t("historyView.filter.anyMember")}</option>
          {members.map((member) => (
            <option key={member} value={member}>
              {member}
            </option>
          ))}
        </select>
      </label>
      {clusters ? (
        <label className="flex flex-col gap-1 text-xs font-semibold uppercase tracking-wide text-muted">
          {t("historyView.filter.cluster")}
          <select
            name="cluster"
            className={selectClass}
            value={value.cluster ?? ""}
            onChange={(e) => onChange({ ...value, cluster: e.target.value || null })}
          >
            <option value="">{t("historyView.filter.anyCluster")}</option>
            {clusters.map((cluster) => (
              <option key={cluster} value={cluster}>
                {cluster}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </form>
  );
}
