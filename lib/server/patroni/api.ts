import "server-only";
import type { z } from "zod";
import type { PatroniHttpClient, PollError } from "./client";
import {
  normaliseCluster,
  normaliseConfig,
  normaliseHistory,
  normaliseStatus,
  type ConfigView,
  type DcsView,
  type HistoryEntry,
  type NodeStatus,
} from "./normalise";
import { clusterSchema, configSchema, historySchema, patroniStatusSchema } from "./schemas";
import { jsonDepth, MAX_JSON_DEPTH } from "./json-depth";

// Typed reads of Patroni's GET endpoints: HTTP result → JSON → zod → normalised model.

export type ApiResult<T> =
  | { ok: true; data: T; status: number; elapsedMs: number }
  | { ok: false; error: PollError; elapsedMs: number };

async function readJson<S extends z.ZodType, T>(
  client: PatroniHttpClient,
  path: string,
  schema: S,
  normalise: (raw: z.infer<S>) => T,
  dataStatuses: readonly number[] = [200],
): Promise<ApiResult<T>> {
  const res = await client.get(path);
  if (!res.ok) return res;
  const where = `${client.target.url}${path}`;
  const fail = (kind: PollError["kind"], message: string): ApiResult<T> => ({
    ok: false,
    error: { kind, message: `${where}: ${message}`, status: res.status },
    elapsedMs: res.elapsedMs,
  });
  if (!dataStatuses.includes(res.status)) {
    if (res.status === 401 || res.status === 403)
      return fail(
        "auth",
        `HTTP ${res.status}: access denied (check restapi credentials or client certificate)`,
      );
    if (res.status >= 300 && res.status < 400)
      return fail(
        "http",
        `HTTP ${res.status}: a redirect, not followed (configure the node's own REST URL; Patroni never redirects)`,
      );
    const hint = res.status === 502 && path === "/config" ? " (no /config key in the DCS)" : "";
    return fail("http", `HTTP ${res.status}${hint}`);
  }
  if (jsonDepth(res.text) > MAX_JSON_DEPTH)
    return fail("parse", `answered with JSON nested deeper than ${MAX_JSON_DEPTH} levels (refused)`);
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    return fail("parse", `answered HTTP ${res.status} with a body that is not JSON (${preview(res.text)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? issue.path.join(".") : "(body)";
    return fail("parse", `unexpected response shape at ${field}: ${issue?.message ?? "invalid"}`);
  }
  try {
    return { ok: true, data: normalise(parsed.data), status: res.status, elapsedMs: res.elapsedMs };
  } catch (err) {
    // NOTE: normalisation is written for every shape the schema admits; should a value still defeat it,
    // that is this node's bad data (a parse error on it), never a failed poll cycle.
    return fail("parse", `could not be read: ${(err as Error).message}`);
  }
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${JSON.stringify(flat.slice(0, 60))}…` : JSON.stringify(flat);
}

export const getStatus = (client: PatroniHttpClient): Promise<ApiResult<NodeStatus>> =>
  readJson(client, "/patroni", patroniStatusSchema, normaliseStatus);

/** /patroni normalised, plus the body as the node sent it (validated; kept for the node view). */
export const getStatusWithRaw = (
  client: PatroniHttpClient,
): Promise<ApiResult<{ status: NodeStatus; raw: Record<string, unknown> }>> =>
  readJson(client, "/patroni", patroniStatusSchema, (raw) => ({
    status: normaliseStatus(raw),
    raw: raw as Record<string, unknown>,
  }));

/**
 * A health-check probe: only the status code matters (200 or 503, both with the status JSON; a bare
 * status line for /liveness and /readiness), so the body is not parsed. Never throws.
 */
export async function probeStatus(
  client: PatroniHttpClient,
  path: string,
): Promise<{ status: number } | { error: PollError }> {
  try {
    const res = await client.get(path);
    return res.ok ? { status: res.status } : { error: res.error };
  } catch (err) {
    return {
      error: {
        kind: "network",
        status: null,
        message: `${client.target.url}${path}: ${(err as Error).message}`,
      },
    };
  }
}

export const getCluster = (client: PatroniHttpClient): Promise<ApiResult<DcsView>> =>
  readJson(client, "/cluster", clusterSchema, normaliseCluster);

export const getHistory = (client: PatroniHttpClient): Promise<ApiResult<HistoryEntry[]>> =>
  readJson(client, "/history", historySchema, normaliseHistory);

export const getConfig = (client: PatroniHttpClient): Promise<ApiResult<ConfigView>> =>
  readJson(client, "/config", configSchema, normaliseConfig);
