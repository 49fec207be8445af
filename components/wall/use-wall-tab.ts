"use client";

import { useEffect } from "react";
import type { Tone } from "@/lib/domain/constants";
import { faviconDataUrl, tabTitle } from "@/lib/domain/tab-status";

// The wall's browser tab: alert count and worst severity while live; "NOT LIVE" and the grey
// question-mark icon when it is not, so a wall whose tab is all one sees still tells the truth.

export function useWallTab(input: {
  live: boolean;
  notLiveWord: string;
  label: string;
  appName: string;
  problems: number;
  worst: "critical" | "warning" | "info" | null;
  tone: Tone;
}) {
  const { live, notLiveWord, label, appName, problems, worst, tone } = input;
  useEffect(() => {
    const base = tabTitle(problems, worst, label, appName);
    document.title = live ? base : `⏸ ${notLiveWord} · ${base}`;
    const href = faviconDataUrl(live ? tone : "unknown");
    let links = [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
    if (links.length === 0) {
      const link = document.createElement("link");
      link.rel = "icon";
      document.head.appendChild(link);
      links = [link];
    }
    for (const link of links) {
      if (link.getAttribute("href") !== href) {
        link.type = "image/svg+xml";
        link.setAttribute("href", href);
      }
    }
  });
}
