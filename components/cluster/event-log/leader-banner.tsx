"use client";

import { useState } from "react";
import type { EventLogEntry } from "@/lib/domain/contracts";
import { LEADER_BANNER_MS, latestLeaderChange } from "@/lib/domain/events";
import { useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";
import { CloseIcon, CrownIcon } from "@/components/ui/icons";

/** "New leader: node2 (was node1) · timeline 3 → 4", or null when no leader change is recent enough. */
export function leaderBannerText(
  t: T,
  entries: readonly EventLogEntry[],
): { key: string; text: string; at: number } | null {
  const change = latestLeaderChange(entries);
  if (!change) return null;
  const { leader, timeline } = change;
  const to = leader.to ?? leader.member ?? "—";
  const head =
    leader.from === null
      ? t("banner.firstLeader", { to })
      : leader.from === to
        ? t("banner.leaderAgain", { to })
        : t("banner.newLeader", { to, from: leader.from });
  const tail = timeline
    ? ` · ${t("banner.timeline", { from: timeline.from ?? "?", to: timeline.to ?? "?" })}`
    : "";
  return { key: `${leader.t}:${to}`, text: `${head}${tail}`, at: leader.t };
}

/**
 * How long ago the change happened: the server's part (generatedAt − at, one clock) plus the
 * browser's (now − receivedAt, the other). NOTE: never `now − at`: the two clocks may disagree.
 */
export function changeAgeMs(at: number, generatedAt: number, receivedAt: number, now: number): number {
  return Math.max(0, generatedAt - at) + Math.max(0, now - receivedAt);
}

/**
 * The leader-change banner: shown for LEADER_BANNER_MS after the change, or until dismissed.
 * Before mount (`now` null) nothing shows, so the server HTML and the hydrating client agree. The
 * live region is always in the DOM, so a screen reader announces the banner when it appears.
 */
export function LeaderChangeBanner({
  entries,
  generatedAt,
  receivedAt,
  now,
}: {
  entries: readonly EventLogEntry[];
  generatedAt: number;
  receivedAt: number;
  now: number | null;
}) {
  const t = useT();
  const [dismissed, setDismissed] = useState<string | null>(null);
  const banner = leaderBannerText(t, entries);
  const ageMs = banner && now !== null ? changeAgeMs(banner.at, generatedAt, receivedAt, now) : null;
  const visible = banner !== null && ageMs !== null && ageMs < LEADER_BANNER_MS && dismissed !== banner.key;
  // NOTE: the live region must stay in the accessibility tree (never display:none) to announce the
  // banner, but while empty it must not be a flex item either: the page's column would put its gap on
  // both sides of it (an empty band under the header). Out of flow while empty, in flow when it speaks.
  return (
    <div aria-live="polite" aria-atomic="true" className="empty:absolute">
      {visible ? (
        <div
          data-testid="leader-change-banner"
          className="leader-banner flex items-center gap-3 rounded-lg border-2 border-accent bg-accent-soft px-4 py-3 text-accent-strong"
        >
          <CrownIcon className="shrink-0 text-2xl text-accent" />
          <p className="min-w-0 flex-1 text-xl font-bold">{banner.text}</p>
          <button
            type="button"
            onClick={() => setDismissed(banner.key)}
            aria-label={t("banner.dismissLabel")}
            className="inline-flex shrink-0 items-center gap-1 rounded-md border border-accent/60 px-2.5 py-1 text-sm font-semibold hover:bg-surface"
          >
            <CloseIcon />
            {t("banner.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
