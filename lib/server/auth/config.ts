import "server-only";
import { z } from "zod";
import { trustedAddress, type ProxySettings } from "./proxy-auth";
import { ROLES, type Role } from "./roles";

// The `auth` and `actions` sections of the YAML. Without `auth` the dashboard is read-only and
// anonymous, exactly as before; without `actions.enabled: true` no action route exists.

export { ROLES, type Role };

const BCRYPT = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;

const userSchema = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password_hash: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.startsWith("$argon2"))
        ctx.addIssue({
          code: "custom",
          message:
            "argon2 hashes are not supported by this build: make a bcrypt hash with `npm run hash-password`",
        });
      else if (!BCRYPT.test(value))
        ctx.addIssue({
          code: "custom",
          message: 'is not a bcrypt hash ("$2b$12$…"): make one with `npm run hash-password`',
        });
    }),
  role: z.enum(ROLES),
});

export const authSchema = z.strictObject({
  viewers: z.enum(["anonymous", "login"]).default("anonymous"),
  /** Name of an environment variable holding the session secret; absent: one kept in DATA_DIR. */
  session_secret_env: z.string().min(1).optional(),
  users: z.array(userSchema).default([]),
  proxy: z
    .strictObject({
      header: z.string().min(1),
      trusted: z.array(z.string().min(1)).min(1),
      roles: z.record(z.string(), z.enum(ROLES)),
    })
    .optional(),
});

export const actionsSchema = z.strictObject({
  enabled: z.boolean().default(false),
});

export interface AuthUser {
  username: string;
  passwordHash: string;
  role: Role;
}

export interface AuthSettings {
  viewers: "anonymous" | "login";
  /** The secret itself when session_secret_env names a set variable; null: kept in DATA_DIR. */
  sessionSecret: string | null;
  users: AuthUser[];
  /** A trusted reverse proxy's user header; null: none configured. */
  proxy?: ProxySettings | null;
}

export interface ActionsSettings {
  enabled: boolean;
}

type Env = Record<string, string | undefined>;

/** Checks what zod cannot see alone; throws a message naming the field (the caller adds the file). */
export function authSettings(parsed: z.infer<typeof authSchema>, env: Env): AuthSettings {
  const seen = new Set<string>();
  parsed.users.forEach((user, index) => {
    if (seen.has(user.username))
      throw new Error(`auth.users.${index}.username: "${user.username}" is listed twice`);
    seen.add(user.username);
  });
  let proxy: ProxySettings | null = null;
  if (parsed.proxy) {
    const header = parsed.proxy.header.trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(header))
      throw new Error(`auth.proxy.header: "${parsed.proxy.header}" is not a header name`);
    if (header === "x-dashboard-peer" || header === "cookie" || header === "authorization")
      throw new Error(`auth.proxy.header: "${parsed.proxy.header}" cannot carry the user name`);
    proxy = {
      header,
      trusted: new Set(
        parsed.proxy.trusted.map((entry, index) => trustedAddress(entry, `auth.proxy.trusted.${index}`)),
      ),
      roles: parsed.proxy.roles,
    };
  }
  if (parsed.users.length === 0 && !proxy)
    throw new Error("auth.users: list at least one user (or configure auth.proxy)");
  let sessionSecret: string | null = null;
  if (parsed.session_secret_env) {
    const value = env[parsed.session_secret_env]?.trim();
    if (!value)
      throw new Error(
        `auth.session_secret_env: environment variable ${parsed.session_secret_env} is not set`,
      );
    if (value.length < 32)
      throw new Error(
        `auth.session_secret_env: ${parsed.session_secret_env} must hold at least 32 characters`,
      );
    sessionSecret = value;
  }
  return {
    viewers: parsed.viewers,
    sessionSecret,
    users: parsed.users.map((u) => ({ username: u.username, passwordHash: u.password_hash, role: u.role })),
    proxy,
  };
}
