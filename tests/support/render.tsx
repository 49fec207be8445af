import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { I18nProvider } from "@/lib/i18n/client";
import { CATALOGS, type Locale } from "@/lib/i18n";

// Server-renders a component with the app's providers, and reads the HTML back by data-testid.
// The HTML is exactly what the first paint shows (no effects, no client clock: useNow() is null).

export function render(node: ReactNode, locale: Locale = "en"): string {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderToString(
    <QueryClientProvider client={client}>
      <I18nProvider locale={locale} messages={CATALOGS[locale]}>
        {node}
      </I18nProvider>
    </QueryClientProvider>,
  );
}

export interface Found {
  tag: string;
  attrs: Record<string, string>;
  html: string;
  text: string;
}

const ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
  "&nbsp;": "\u00a0",
};

export function textOf(html: string): string {
  return (
    html
      .replace(/<!-- -->/g, "")
      // <wbr> is a line-break opportunity, not text: "loop_<wbr>wait" reads "loop_wait".
      .replace(/<wbr\s*\/?>/g, "")
      .replace(/<[^>]+>/g, " ")
      .replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e)
      .replace(/\s+/g, " ")
      .trim()
  );
}

function attrsOf(openTag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of openTag.matchAll(/([\w:-]+)="([^"]*)"/g))
    attrs[m[1]!] = m[2]!.replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e);
  return attrs;
}

/** Every element with this data-testid, with its attributes and inner HTML (nesting of the same tag handled). */
export function byTestId(html: string, testId: string): Found[] {
  const found: Found[] = [];
  const open = new RegExp(`<(\\w+)([^>]*\\sdata-testid="${testId}"[^>]*)>`, "g");
  for (const m of html.matchAll(open)) {
    const tag = m[1]!;
    const start = m.index! + m[0].length;
    let depth = 1;
    const re = new RegExp(`<(/?)${tag}(?=[\\s>/])[^>]*?(/?)>`, "g");
    re.lastIndex = start;
    let end = html.length;
    for (let t = re.exec(html); t; t = re.exec(html)) {
      if (t[2] === "/") continue;
      depth += t[1] === "/" ? -1 : 1;
      if (depth === 0) {
        end = t.index;
        break;
      }
    }
    const inner = m[0].endsWith("/>") ? "" : html.slice(start, end);
    found.push({ tag, attrs: attrsOf(m[2]!), html: inner, text: textOf(inner) });
  }
  return found;
}

export function one(html: string, testId: string): Found {
  const all = byTestId(html, testId);
  if (all.length !== 1) throw new Error(`expected one [data-testid=${testId}], found ${all.length}`);
  return all[0]!;
}
