"use client";

import type { ClusterDetail } from "@/lib/domain/contracts";
import { freshness } from "@/lib/domain/freshness";
import { lagThreshold } from "@/lib/domain/member-rules";
import { useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";
import { EmptyState } from "@/components/states/states";
import { MemberRow, type MemberRowView } from "./member-row";

const COLUMNS = [
  "members.col.member",
  "members.col.host",
  "members.col.role",
  "members.col.state",
  "members.col.tl",
  "members.col.receiveLsn",
  "members.col.receiveLag",
  "members.col.replayLsn",
  "members.col.replayLag",
  "members.col.pendingRestart",
  "members.col.scheduledRestart",
  "members.col.tags",
  "members.col.freshness",
  "members.col.lastError",
] as const;

/** Long columns that presentation mode hides (CSS `.col-secondary`), so the rest reads across a room. */
const SECONDARY: ReadonlySet<string> = new Set([
  "members.col.host",
  "members.col.receiveLsn",
  "members.col.replayLsn",
  "members.col.scheduledRestart",
  "members.col.tags",
  "members.col.freshness",
  "members.col.lastError",
]);

/** Rows for the table: the leader first, then the others by name (the order patronictl list uses is by name). */
export function memberRowViews(
  detail: ClusterDetail,
  receivedAt: number,
  now: number | null,
): MemberRowView[] {
  const threshold = lagThreshold(detail);
  return detail.members
    .slice()
    .sort(
      (a, b) =>
        Number(b.name === detail.leader) - Number(a.name === detail.leader) || a.name.localeCompare(b.name),
    )
    .map((member) => {
      const fresh =
        now === null
          ? null
          : freshness(member.observedAt, detail.generatedAt, receivedAt, now, detail.pollIntervalMs);
      const errorAgeMs =
        now === null || !member.lastError
          ? null
          : freshness(member.lastError.since, detail.generatedAt, receivedAt, now, detail.pollIntervalMs)
              .ageMs;
      return {
        member,
        isLeader: member.name === detail.leader,
        ageMs: fresh?.ageMs ?? null,
        stale: fresh?.stale ?? false,
        errorAgeMs,
        lagThreshold: threshold,
      };
    });
}

export function MemberTable({
  detail,
  receivedAt,
  now,
}: {
  detail: ClusterDetail;
  receivedAt: number;
  now: number | null;
}) {
  const t = useT();
  const rows = memberRowViews(detail, receivedAt, now);
  return (
    <Panel id="members" title={t("members.title")} description={t("members.caption")}>
      {rows.length === 0 ? (
        <EmptyState title={t("members.empty")} />
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="members-title">
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-muted">
                {COLUMNS.map((key) => (
                  <th
                    key={key}
                    scope="col"
                    className={`px-1.5 py-1.5 align-bottom font-semibold${SECONDARY.has(key) ? " col-secondary" : ""}`}
                  >
                    {t(key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((view) => (
                <MemberRow
                  key={view.member.name}
                  view={view}
                  mounted={now !== null}
                  pollIntervalMs={detail.pollIntervalMs}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
