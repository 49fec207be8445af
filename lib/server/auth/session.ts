import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { EncryptJWT, jwtDecrypt } from "jose";
import type { Role } from "./config";

// The session is an encrypted, authenticated cookie (JWE, dir + A256GCM): the browser holds it but can
// neither read nor alter it, and the server keeps no session table. The key comes from the secret in
// auth.session_secret_env's variable, or from a file generated once in DATA_DIR so that a restart keeps
// everyone logged in and a fresh install needs no extra step.

export const SESSION_COOKIE = "pd_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SECRET_FILE = "session-secret";

export interface Session {
  username: string;
  role: Role;
  /** Epoch ms. */
  expiresAt: number;
}

/** The configured secret, or the one in dataDir (created there, mode 0600, the first time). */
export function loadSessionSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  const file = join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, "utf8").trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": if two processes start at once, the second one fails here and reads the first one's secret.
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  return readFileSync(file, "utf8").trim();
}

function keyOf(secret: string): Uint8Array {
  return new Uint8Array(createHash("sha256").update(`patroni-dashboard session\0${secret}`).digest());
}

export async function sealSession(
  secret: string,
  user: { username: string; role: Role },
  now: number,
): Promise<{ value: string; expiresAt: number }> {
  const expiresAt = now + SESSION_TTL_MS;
  const value = await new EncryptJWT({ role: user.role })
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setSubject(user.username)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .encrypt(keyOf(secret));
  return { value, expiresAt };
}

/**
 * Cookies already opened, by secret and value. Decrypting is most of what a signed-in screen's refresh
 * costs (a wall asks several times a second), and the same value always opens to the same session.
 * Only successes are kept, so a stream of forged cookies cannot fill it; the oldest entry goes first.
 */
const opened = new Map<string, Session>();
const OPENED_MAX = 1000;

/** The session in a cookie value, or null when it is absent, forged, altered or expired. */
export async function openSession(
  secret: string,
  value: string | undefined,
  now: number,
): Promise<Session | null> {
  if (!value) return null;
  const key = `${secret}\0${value}`;
  const known = opened.get(key);
  if (known) {
    if (known.expiresAt > now) return known;
    opened.delete(key);
    return null;
  }
  try {
    const { payload } = await jwtDecrypt(value, keyOf(secret), { currentDate: new Date(now) });
    if (
      typeof payload.sub !== "string" ||
      typeof payload.role !== "string" ||
      typeof payload.exp !== "number"
    )
      return null;
    const session = { username: payload.sub, role: payload.role as Role, expiresAt: payload.exp * 1000 };
    if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
    opened.set(key, session);
    return session;
  } catch {
    return null;
  }
}

/** Set-Cookie for a new session: HttpOnly, SameSite=Strict, Secure when the dashboard is on HTTPS. */
export function sessionCookie(value: string, expiresAt: number, secure: boolean, now: number): string {
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? "; Secure" : ""}`;
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
