import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// How much JavaScript a browser must download before a page is interactive, measured on the built app
// as it is served: every <script src> of the page's HTML (module-capable browsers skip `noModule`),
// read from .next/static and gzipped. Shared by bench/first-load-js.ts (which prints the figures) and
// tests/e2e/first-load-js.test.ts (which fails over the budget).

/** The first-load budget of every page, in kB (1000 bytes) of gzip. */
export const FIRST_LOAD_BUDGET_KB = 250;

/** The pages measured: the overview, a cluster page and a node page (of the demo cluster). */
export const FIRST_LOAD_ROUTES = ["/", "/clusters/demo", "/clusters/demo/nodes/node1"] as const;

export interface FirstLoad {
  route: string;
  scripts: string[];
  bytes: number;
  kb: number;
}

/** The /_next/static scripts a page's HTML loads, each once. */
export function firstLoadScripts(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1]!)
    .filter((attrs) => !/\bnoModule\b/i.test(attrs))
    .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
    .filter((src): src is string => !!src && src.startsWith("/_next/static/"));
  return [...new Set(scripts)];
}

/** Fetches a page of the running app and adds up its scripts' gzip sizes from the build directory. */
export async function measureFirstLoad(
  baseUrl: string,
  route: string,
  nextDir = ".next",
): Promise<FirstLoad> {
  const res = await fetch(`${baseUrl}${route}`);
  if (!res.ok) throw new Error(`${route}: HTTP ${res.status}`);
  const scripts = firstLoadScripts(await res.text());
  if (scripts.length === 0)
    throw new Error(`${route}: no /_next/static scripts in the page (not the built app?)`);
  const bytes = scripts.reduce(
    (sum, src) =>
      sum +
      gzipSync(readFileSync(join(nextDir, "static", src.slice("/_next/static/".length).split("?")[0]!)))
        .length,
    0,
  );
  return { route, scripts, bytes, kb: bytes / 1000 };
}
