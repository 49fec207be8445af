import { NextResponse, type NextRequest } from "next/server";
import {
  contentSecurityPolicy,
  frameAncestors,
  jsonErrorPolicy,
  malformedSegment,
  staticSecurityHeaders,
} from "@/lib/server/http/security-headers";
import { installedViewerGate, loginRedirect, pathAccess, SIGN_IN_FIRST } from "@/lib/server/auth/viewer-gate";
import { LOCALE_COOKIE } from "@/lib/i18n";
import { localeFromQuery } from "@/lib/i18n/negotiate";

// Runs before every route (Next 16 calls middleware "proxy"): security headers on every response, a
// fresh CSP nonce per request, and a JSON 400 for /api paths whose percent-encoding is malformed
// (Next would otherwise fail decoding the route parameter with a plain-text 500). With
// `auth.viewers: login` it also turns away anyone not signed in: a page redirects to /login with the way
// back, an API answers 401 JSON (lib/server/auth/viewer-gate.ts lists what stays open).

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const ancestors = frameAncestors(process.env.FRAME_ANCESTORS);
  const headers = staticSecurityHeaders(ancestors);
  const { pathname } = request.nextUrl;
  const jsonError = (status: number, error: string) => {
    return NextResponse.json(
      { error },
      {
        status,
        headers: {
          ...headers,
          "Content-Security-Policy": jsonErrorPolicy(ancestors),
          "Cache-Control": "no-store",
        },
      },
    );
  };
  if (pathname.startsWith("/api/")) {
    const bad = malformedSegment(pathname);
    if (bad !== null) return jsonError(400, `malformed percent-encoding in the path: "${bad.slice(0, 80)}"`);
  }
  const access = pathAccess(pathname);
  if (access !== "public") {
    const gate = installedViewerGate();
    // NOTE: the server installs the gate before it serves anything (instrumentation.ts); without it we
    // cannot tell whether a login is needed, so nothing but the public paths is served.
    if (!gate) return jsonError(503, "the dashboard is starting");
    if (!(await gate(request))) {
      if (access === "api") return jsonError(401, SIGN_IN_FIRST);
      const response = NextResponse.redirect(
        new URL(loginRedirect(pathname, request.nextUrl.search), request.url),
      );
      for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
      response.headers.set("Cache-Control", "no-store");
      return response;
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV !== "production",
    frameAncestors: ancestors,
  });
  // A `?lang=vi` link (a teacher's handout) sets the language: this very render reads it from the
  // request's cookie, and the response saves it like the switch does.
  const lang = localeFromQuery(request.nextUrl.searchParams.get("lang"));
  if (lang) request.cookies.set(LOCALE_COOKIE, lang);
  // Next reads the nonce for its own scripts from the request's policy header.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (lang) response.cookies.set(LOCALE_COOKIE, lang, { path: "/", maxAge: 31536000, sameSite: "lax" });
  return response;
}
