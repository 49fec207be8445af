"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { Tone } from "@/lib/domain/constants";
import type { ClusterDetail, ClustersResponse } from "@/lib/domain/contracts";
import { faviconDataUrl, tabTitle, worstSeverity, worstTone } from "@/lib/domain/tab-status";
import { queryKeys } from "@/lib/query/keys";
import { useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";

// The browser tab as a status light on the overview and on a cluster page: the title carries the alert
// count and the worst severity, the favicon the worst tone. It owns no query: it reads the data the
// screen's one polling observer already put in the cache, and never creates that query (NOTE: creating
// it first would make the screen's own initialData be ignored).

type Target = { kind: "overview" } | { kind: "cluster"; name: string } | null;

function targetOf(pathname: string | null): Target {
  if (pathname === "/") return { kind: "overview" };
  const match = /^\/clusters\/([^/]+)\/?$/.exec(pathname ?? "");
  if (!match) return null;
  try {
    return { kind: "cluster", name: decodeURIComponent(match[1]!) };
  } catch {
    return null;
  }
}

interface Status {
  title: string;
  tone: Tone;
}

function statusOf(target: Target, data: unknown, t: T): Status | null {
  if (!target || !data) return null;
  if (target.kind === "overview") {
    const { clusters } = data as ClustersResponse;
    const problems = clusters.flatMap((c) => c.problems);
    const tone = clusters.length ? worstTone(clusters.map((c) => c.tone)) : "unknown";
    return {
      title: tabTitle(problems.length, worstSeverity(problems), t("overview.title"), t("app.name")),
      tone,
    };
  }
  const detail = data as ClusterDetail;
  return {
    title: tabTitle(detail.alerts.length, worstSeverity(detail.alerts), detail.name, t("app.name")),
    tone: detail.tone,
  };
}

const ORIGINAL = "originalHref";

function iconLinks(): HTMLLinkElement[] {
  return [...document.querySelectorAll<HTMLLinkElement>('link[rel~="icon"]')];
}

function applyFavicon(href: string): void {
  const links = iconLinks();
  if (links.length === 0) {
    const link = document.createElement("link");
    link.rel = "icon";
    link.dataset[ORIGINAL] = "";
    document.head.appendChild(link);
    links.push(link);
  }
  for (const link of links) {
    if (link.dataset[ORIGINAL] === undefined) link.dataset[ORIGINAL] = link.getAttribute("href") ?? "";
    if (link.getAttribute("href") !== href) {
      link.type = "image/svg+xml";
      link.setAttribute("href", href);
    }
  }
}

function restoreFavicon(): void {
  for (const link of iconLinks()) {
    const original = link.dataset[ORIGINAL];
    if (original === undefined) continue;
    if (original === "") link.remove();
    else link.setAttribute("href", original);
    delete link.dataset[ORIGINAL];
  }
}

export function TabStatus() {
  const t = useT();
  const pathname = usePathname();
  const client = useQueryClient();
  const target = targetOf(pathname);
  const key =
    target === null
      ? null
      : target.kind === "overview"
        ? queryKeys.clusters()
        : queryKeys.cluster(target.name);
  const subscribe = useCallback(
    (onChange: () => void) => client.getQueryCache().subscribe(onChange),
    [client],
  );
  const data = useSyncExternalStore(
    subscribe,
    () => (key ? client.getQueryData(key) : undefined),
    () => undefined,
  );
  const status = statusOf(target, data, t);
  const title = status?.title ?? null;
  const tone = status?.tone ?? null;
  useEffect(() => {
    if (title === null || tone === null) {
      restoreFavicon();
      return;
    }
    // Re-applied on every new poll result and navigation: Next.js may write the page's own <title>
    // (streamed metadata) or re-render the icon links after this component's first effect.
    document.title = title;
    applyFavicon(faviconDataUrl(tone));
  }, [title, tone, data, pathname]);
  useEffect(() => () => restoreFavicon(), []);
  return null;
}
