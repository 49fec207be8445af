"use client";

import { useLayoutEffect, useRef, useState } from "react";
import type { ClusterSummary } from "@/lib/domain/contracts";
import { formatNumber } from "@/lib/domain/format";
import { useLocale, useT } from "@/lib/i18n/client";
import { nameFontPx, needsAttention, WALL_GAP, wallLayout } from "./layout";
import { WallTile } from "./wall-tile";

// The board: measures the space it has and lays every cluster out in it (layout.ts). Before the
// first measurement (server render, hydration) it draws nothing rather than a guessed layout.

function useSize<E extends HTMLElement>() {
  const ref = useRef<E>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setSize({ w: Math.floor(el.clientWidth), h: Math.floor(el.clientHeight) });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}

export function WallBoard({
  clusters,
  staleNames,
  allStale,
  hrefOf,
}: {
  /** In wall order (wallOrder): problems first. */
  clusters: readonly ClusterSummary[];
  staleNames: ReadonlySet<string>;
  allStale: boolean;
  hrefOf: (name: string) => string;
}) {
  const t = useT();
  const locale = useLocale();
  const { ref, size } = useSize<HTMLDivElement>();
  const problems = clusters.filter(needsAttention).length;
  const layout = size ? wallLayout(clusters.length, problems, size.w, size.h) : null;
  const longest = clusters.reduce((n, c) => Math.max(n, c.name.length), 0);
  return (
    <div ref={ref} className="relative min-h-0 flex-1 overflow-hidden" data-testid="wall-board">
      {layout && !layout.fits ? (
        <p className="absolute right-2 bottom-1 z-10 rounded bg-warn-soft px-2 text-warn-strong">
          {t("wall.tooSmall", { count: formatNumber(clusters.length, locale) })}
        </p>
      ) : null}
      {layout ? (
        <div className="flex h-full flex-col" style={{ gap: `${WALL_GAP}px` }}>
          {layout.sections.map((section) => {
            const font = nameFontPx(section.kind, section.cellW, section.cellH, longest);
            return (
              <ul
                key={`${section.kind}-${section.start}`}
                data-testid="wall-section"
                data-kind={section.kind}
                className="grid shrink-0 justify-center"
                style={{
                  gap: `${WALL_GAP}px`,
                  gridTemplateColumns: `repeat(${section.cols}, ${section.cellW}px)`,
                  gridAutoRows: `${section.cellH}px`,
                }}
              >
                {clusters.slice(section.start, section.end).map((cluster) => (
                  <li key={cluster.name} className="min-w-0">
                    <WallTile
                      cluster={cluster}
                      kind={section.kind}
                      nameFont={font}
                      stale={allStale || staleNames.has(cluster.name)}
                      href={hrefOf(cluster.name)}
                    />
                  </li>
                ))}
              </ul>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}
