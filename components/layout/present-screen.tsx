"use client";

import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

// Presentation mode's first screen: the topology beside a column of the active alerts over the event
// log, all of it between the banners above and the bottom of the window, so a 1280×720 projector shows
// the moment a lesson is about (the leader down, the failover pending) without scrolling. The height is
// measured after layout — the banners above come and go (a new leader, maintenance mode) — and kept
// while the window or the content above changes; until then (server render) it is the natural height.

/** Room under the block, so its border is not flush with the window's edge. */
const BOTTOM_GAP_PX = 12;
/** Below this the block stops shrinking and the page scrolls instead (a tiny window). */
const MIN_HEIGHT_PX = 320;

function useHeightToWindowBottom() {
  const ref = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      // One column on narrow screens: the natural height, and the page scrolls.
      if (!window.matchMedia("(min-width: 1024px)").matches) return setHeight(null);
      const top = el.getBoundingClientRect().top + window.scrollY;
      setHeight(Math.max(MIN_HEIGHT_PX, Math.floor(window.innerHeight - top - BOTTOM_GAP_PX)));
    };
    measure();
    window.addEventListener("resize", measure);
    // Anything above that grows or shrinks (a banner appears) moves the block's top and the body's size.
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener("resize", measure);
      observer.disconnect();
    };
  }, []);
  return { ref, height };
}

export function PresentFirstScreen({
  topology,
  alerts,
  events,
}: {
  topology: ReactNode;
  alerts: ReactNode;
  events: ReactNode;
}) {
  const { ref, height } = useHeightToWindowBottom();
  return (
    <div
      ref={ref}
      data-testid="present-first-screen"
      className="grid gap-4 lg:grid-cols-[minmax(0,7fr)_minmax(0,5fr)]"
      style={height === null ? undefined : { height }}
    >
      <div className="flex min-h-0 min-w-0 flex-col">{topology}</div>
      <div className="flex min-h-0 min-w-0 flex-col gap-3">
        {/* The alerts take what they need up to half the column; the log gets the rest and scrolls. */}
        <div data-testid="present-alerts" className="max-h-[50%] shrink-0 overflow-y-auto">
          {alerts}
        </div>
        <div className="flex min-h-0 flex-1 flex-col">{events}</div>
      </div>
    </div>
  );
}
