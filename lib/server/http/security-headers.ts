// The security headers every response carries, and the check for malformed /api paths. Used by
// proxy.ts (which runs before every route). NOTE: no `import "server-only"` here: the proxy bundle is
// not compiled under the react-server condition that package needs; nothing here is secret anyway.

/**
 * Origins allowed to frame the dashboard (FRAME_ANCESTORS, space- or comma-separated), or 'none'.
 * Anything that is not an http(s) origin or 'self' is dropped, so a typo cannot open the policy.
 */
export function frameAncestors(setting: string | undefined): string {
  const allowed = (setting ?? "")
    .split(/[\s,]+/)
    .filter((token) => token === "'self'" || /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(token));
  return allowed.length > 0 ? allowed.join(" ") : "'none'";
}

export interface CspOptions {
  nonce: string;
  /** React's development build evaluates strings (call stacks); never in production. */
  dev: boolean;
  frameAncestors: string;
}

/**
 * Scripts run only with this response's nonce (Next puts it on its own scripts when it sees it in
 * the request's policy; 'strict-dynamic' lets those load their chunks). Styles allow inline: React
 * and Recharts set `style` attributes, which no nonce can cover, and a style cannot run code.
 */
export function contentSecurityPolicy({ nonce, dev, frameAncestors }: CspOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** The policy of a JSON error answered before any route: nothing to load. */
export function jsonErrorPolicy(frameAncestorsValue: string): string {
  return `default-src 'none'; frame-ancestors ${frameAncestorsValue}`;
}

/** The headers that do not depend on the request. */
export function staticSecurityHeaders(frameAncestorsValue: string): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    // For browsers that predate frame-ancestors; only expressible when nothing may frame us.
    ...(frameAncestorsValue === "'none'" ? { "X-Frame-Options": "DENY" } : {}),
  };
}

/** The first path segment whose percent-encoding is malformed (e.g. "%E0%A4%A"), or null. */
export function malformedSegment(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}
