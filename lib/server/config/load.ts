import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { authSettings, type ActionsSettings, type AuthSettings } from "@/lib/server/auth/config";
import { notifySettings, type NotifySettings } from "@/lib/server/notify/config";
import type { NodeTarget, TlsSettings } from "@/lib/server/patroni/client";
import { configFileSchema, type ConfigFile, type ConfigFileCluster, type ConfigFileStorage } from "./schema";

// Where the configuration comes from, in order: DASHBOARD_CONFIG (a YAML file; must exist),
// ./patroni-dashboard.yml if present, PATRONI_NODES (one cluster), else the built-in demo cluster.
// Parsed once; an invalid file stops start-up with a message naming the file, the field and the problem.

export interface ClusterSettings {
  /** null: named after the scope the nodes report (the PATRONI_NODES shortcut). */
  name: string | null;
  nodes: NodeTarget[];
  /** Poll the members the cluster's DCS lists as well as `nodes` (YAML `discover`, default true). */
  discover: boolean;
  /** lag_warning_bytes; null: the cluster's maximum_lag_on_failover. */
  lagWarningBytes: number | null;
}

export interface DashboardConfig {
  source: "file" | "env" | "demo";
  file: string | null;
  pollIntervalMs: number;
  slowPollIntervalMs: number;
  probeIntervalMs: number;
  requestTimeoutMs: number;
  historyLength: number;
  clusters: ClusterSettings[];
  /** Absent only in configurations built by hand (tests): no persistent history then. */
  storage?: StorageSettings;
  /** Settings that work but are unsafe or surprising: printed once at start-up. */
  warnings?: string[];
  /** Webhooks for alerts; null when the file has no notify block. */
  notify?: NotifySettings | null;
  /** Login and roles; null/absent: anonymous and read-only. */
  auth?: AuthSettings | null;
  /** Guarded actions; enabled only together with auth. */
  actions?: ActionsSettings;
}

export interface StorageSettings {
  /** A postgres:// URL (a secret: it may carry a password), or null for SQLite in dataDir. */
  url: string | null;
  dataDir: string;
  retention: { eventsMs: number; rawLagMs: number; rollupMs: number; maxBytes: number };
}

/** Environment variables as a plain map (tests pass their own). */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_CONFIG_FILE = "patroni-dashboard.yml";

export function loadConfig(env: Env = process.env, cwd = process.cwd()): DashboardConfig {
  const explicit = env.DASHBOARD_CONFIG?.trim();
  if (explicit) return loadFile(resolve(cwd, explicit), env);
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  if (existsSync(fallback)) return loadFile(fallback, env);
  const nodes = env.PATRONI_NODES?.trim();
  if (nodes) {
    return build(
      "env",
      null,
      parseOrThrow("PATRONI_NODES", { clusters: [{ nodes: nodes.split(",").filter(Boolean) }] }),
      env,
    );
  }
  // The demo cluster's node URLs are known only once the simulator listens: see demoClusterSettings.
  return {
    ...build(
      "demo",
      null,
      parseOrThrow("(built-in demo)", { clusters: [{ nodes: ["http://127.0.0.1"] }] }),
      env,
    ),
    clusters: [],
  };
}

/** The built-in demo cluster, polled exactly like a configured one. */
export function demoClusterSettings(config: DashboardConfig, urls: string[]): ClusterSettings {
  return {
    name: "demo",
    // The simulator's members are exactly the nodes it started: nothing to discover.
    discover: false,
    lagWarningBytes: null,
    nodes: urls.map((url) => ({
      url,
      auth: null,
      tls: null,
      timeoutMs: config.requestTimeoutMs,
      maxBodyBytes: MAX_BODY_BYTES,
    })),
  };
}

function loadFile(file: string, env: Env): DashboardConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigError(`${file}: cannot read the configuration file (${(err as Error).message})`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${file}: not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  return build("file", file, parseOrThrow(file, raw ?? {}), env);
}

function parseOrThrow(where: string, raw: unknown): ConfigFile {
  const parsed = configFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => {
    const field = issue.path.length ? issue.path.join(".") : "(top level)";
    return `  ${field}: ${issue.message}`;
  });
  throw new ConfigError(`${where}: invalid configuration\n${lines.join("\n")}`);
}

function build(
  source: DashboardConfig["source"],
  file: string | null,
  parsed: ConfigFile,
  env: Env,
): DashboardConfig {
  const where = file ?? "PATRONI_NODES";
  const names = new Set<string>();
  const warnings: string[] = [];
  const clusters = parsed.clusters.map((cluster, index) => {
    if (cluster.name) {
      if (names.has(cluster.name))
        throw new ConfigError(`${where}: clusters.${index}.name: "${cluster.name}" is used twice`);
      names.add(cluster.name);
    }
    const plain = cluster.nodes.filter((url) => url.startsWith("http://"));
    if (cluster.restapi?.authentication && plain.length > 0) {
      warnings.push(
        `${where}: clusters.${index}.restapi.authentication: the password is sent in clear text over plain http:// ` +
          `to ${plain.length} node(s) (${plain.join(", ")}); use https:// nodes`,
      );
    }
    return {
      name: cluster.name ?? null,
      discover: cluster.discover,
      lagWarningBytes: cluster.lag_warning_bytes ?? null,
      nodes: cluster.nodes.map((url) => ({
        url: url.replace(/\/+$/, ""),
        auth: authFor(cluster, `${where}: clusters.${index}.restapi.authentication`, env),
        tls: tlsFor(cluster, `${where}: clusters.${index}.ctl`),
        timeoutMs: parsed.request_timeout * 1000,
        maxBodyBytes: MAX_BODY_BYTES,
      })),
    };
  });
  return {
    source,
    file,
    pollIntervalMs: parsed.poll_interval * 1000,
    slowPollIntervalMs: parsed.slow_poll_interval * 1000,
    probeIntervalMs: parsed.probe_interval * 1000,
    requestTimeoutMs: parsed.request_timeout * 1000,
    historyLength: parsed.history_length,
    clusters,
    storage: storageFor(parsed.storage, `${where}: storage`, env),
    warnings,
    notify: notifySettings(parsed.notify),
    ...securitySettings(parsed, where, env),
  };
}

/** DATA_DIR (default ./data, relative to the working directory) holds the SQLite file. */
function storageFor(storage: ConfigFileStorage, where: string, env: Env): StorageSettings {
  let url = storage.url ?? null;
  if (storage.url_env) {
    url = env[storage.url_env]?.trim() || null;
    if (url === null)
      throw new ConfigError(`${where}.url_env: environment variable ${storage.url_env} is not set`);
    if (!/^postgres(ql)?:\/\//.test(url) || !URL.canParse(url))
      throw new ConfigError(`${where}.url_env: ${storage.url_env} must hold a postgres:// URL`);
  }
  const r = storage.retention;
  return {
    url,
    dataDir: resolve(env.DATA_DIR?.trim() || "data"),
    retention: {
      eventsMs: r.events_days * 86_400_000,
      rawLagMs: r.lag_raw_minutes * 60_000,
      rollupMs: r.lag_rollup_days * 86_400_000,
      maxBytes: r.max_size_mb * 1024 * 1024,
    },
  };
}

function authFor(cluster: ConfigFileCluster, where: string, env: Env): NodeTarget["auth"] {
  const auth = cluster.restapi?.authentication;
  if (!auth) return null;
  if (auth.password_env) {
    const password = env[auth.password_env];
    if (password === undefined)
      throw new ConfigError(`${where}.password_env: environment variable ${auth.password_env} is not set`);
    return { username: auth.username, password };
  }
  if (auth.password === undefined) throw new ConfigError(`${where}: give password or password_env`);
  return { username: auth.username, password: auth.password };
}

function tlsFor(cluster: ConfigFileCluster, where: string): TlsSettings | null {
  const ctl = cluster.ctl;
  if (!ctl) return null;
  const read = (field: "cacert" | "certfile" | "keyfile"): Buffer | null => {
    const path = ctl[field];
    if (!path) return null;
    try {
      return readFileSync(path);
    } catch (err) {
      throw new ConfigError(
        `${where}.${field}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  };
  if (Boolean(ctl.certfile) !== Boolean(ctl.keyfile))
    throw new ConfigError(`${where}: certfile and keyfile go together`);
  return { ca: read("cacert"), cert: read("certfile"), key: read("keyfile"), verify: ctl.insecure !== true };
}

function securitySettings(
  parsed: ConfigFile,
  where: string,
  env: Env,
): { auth: AuthSettings | null; actions: ActionsSettings } {
  let auth: AuthSettings | null = null;
  if (parsed.auth) {
    try {
      auth = authSettings(parsed.auth, env);
    } catch (err) {
      throw new ConfigError(`${where}: ${(err as Error).message}`);
    }
  }
  const enabled = parsed.actions?.enabled ?? false;
  if (enabled && !auth)
    throw new ConfigError(`${where}: actions.enabled: actions need an auth section (users who may act)`);
  return { auth, actions: { enabled } };
}
