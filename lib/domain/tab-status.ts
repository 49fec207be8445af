import type { Severity, Tone } from "./constants";

// The browser tab as a status light: a title with the alert count and the worst severity as a symbol
// ("(2) ⚠ demo — Patroni Dashboard"), and a favicon coloured by the worst tone, drawn with a shape
// too (check, triangle, cross, question mark) so it is never colour alone. Pure and isomorphic.

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export const SEVERITY_SYMBOL: Record<Severity, string> = { critical: "✖", warning: "⚠", info: "ℹ" };

export function worstSeverity(items: readonly { severity: Severity }[]): Severity | null {
  let worst: Severity | null = null;
  for (const { severity } of items)
    if (worst === null || SEVERITY_RANK[severity] > SEVERITY_RANK[worst]) worst = severity;
  return worst;
}

/** "(2) ⚠ demo — Patroni Dashboard"; without alerts just "demo — Patroni Dashboard". */
export function tabTitle(count: number, worst: Severity | null, label: string, appName: string): string {
  const prefix = count > 0 && worst ? `(${count}) ${SEVERITY_SYMBOL[worst]} ` : "";
  return `${prefix}${label} — ${appName}`;
}

/** The worst of several tones (the overview: every cluster's). */
export function worstTone(tones: readonly Tone[]): Tone {
  const rank: Record<Tone, number> = { ok: 0, unknown: 1, warn: 2, crit: 3 };
  return tones.reduce<Tone>((worst, tone) => (rank[tone] > rank[worst] ? tone : worst), "ok");
}

// Fixed colours: a favicon cannot read the page's CSS variables. Strong enough on light and dark tabs.
const FAVICON_FILL: Record<Tone, string> = {
  ok: "#15803d",
  warn: "#d97706",
  crit: "#dc2626",
  unknown: "#64748b",
};
const FAVICON_MARK: Record<Tone, string> = {
  ok: '<path d="M19 24.5l3.2 3.2 6.3-6.7" stroke="#fff" stroke-width="2.6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>',
  warn: '<path d="M23.5 17.5l6.5 11.5h-13z" fill="#fff"/><path d="M23.5 21.5v3.6M23.5 27v.2" stroke="#d97706" stroke-width="1.8" stroke-linecap="round"/>',
  crit: '<path d="M20 20.5l7 7M27 20.5l-7 7" stroke="#fff" stroke-width="2.6" stroke-linecap="round"/>',
  unknown:
    '<path d="M21.2 21.6a2.4 2.4 0 114.3 1.4c-.7.8-2 1.2-2 2.6M23.5 28v.2" stroke="#fff" stroke-width="2.2" fill="none" stroke-linecap="round"/>',
};

/** The app's database icon on the tone's colour, with the tone's mark in a badge at the corner. */
export function faviconSvg(tone: Tone): string {
  const fill = FAVICON_FILL[tone];
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
    `<rect width="32" height="32" rx="7" fill="${fill}"/>` +
    '<g fill="none" stroke="#fff" stroke-width="2.4"><ellipse cx="13" cy="8" rx="7" ry="2.6"/>' +
    '<path d="M6 8v12c0 1.5 3.1 2.6 7 2.6M20 8v6M6 14c0 1.5 3.1 2.6 7 2.6"/></g>' +
    `<circle cx="23.5" cy="24" r="7.5" fill="${fill}" stroke="#fff" stroke-width="1.5"/>` +
    FAVICON_MARK[tone] +
    "</svg>"
  );
}

export function faviconDataUrl(tone: Tone): string {
  return `data:image/svg+xml,${encodeURIComponent(faviconSvg(tone))}`;
}
