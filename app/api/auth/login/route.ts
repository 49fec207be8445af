import { z } from "zod";
import { checkPassword, clientAddress, currentAuth, overHttps, sameOrigin } from "@/lib/server/auth/guard";
import { sealSession, sessionCookie } from "@/lib/server/auth/session";
import { readCappedJson } from "@/lib/server/http/body";
import { errorResponse } from "@/lib/server/http/respond";

export const dynamic = "force-dynamic";

const loginSchema = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});

/** `{username, password}` → 204 with the session cookie; 401 otherwise; 429 after too many failures. */
export async function POST(request: Request): Promise<Response> {
  const { auth } = await currentAuth();
  if (!auth) return errorResponse(404, "login is not configured (no auth section)");
  if (!sameOrigin(request))
    return errorResponse(403, "cross-origin request refused (Origin must be this dashboard)");
  const body = await readCappedJson(request, 4096);
  if (!body.ok && body.problem === "too_large") return errorResponse(413, "request body too large");
  const parsed = loginSchema.safeParse(body.ok ? body.value : undefined);
  if (!parsed.success) return errorResponse(400, "the body must be JSON: {username, password}");
  const { username, password } = parsed.data;
  const now = Date.now();
  const keys = [`ip:${clientAddress(request, auth)}`, `user:${username}`];
  const wait = auth.limiter.check(keys, now);
  if (wait !== null) {
    const seconds = Math.ceil(wait / 1000);
    return Response.json(
      { error: `too many failed logins: try again in ${seconds} s` },
      { status: 429, headers: { "Retry-After": String(seconds), "Cache-Control": "no-store" } },
    );
  }
  const role = await checkPassword(auth, username, password);
  if (!role) {
    auth.limiter.fail(keys, now);
    return errorResponse(401, "wrong user name or password");
  }
  auth.limiter.succeed(`user:${username}`);
  const session = await sealSession(auth.secret, { username, role }, now);
  return new Response(null, {
    status: 204,
    headers: {
      "Set-Cookie": sessionCookie(session.value, session.expiresAt, overHttps(request), now),
      "Cache-Control": "no-store",
    },
  });
}
