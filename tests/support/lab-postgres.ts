import pg from "pg";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import { Poller } from "@/lib/server/poller/poller";
import { HistoryRecorder } from "@/lib/server/storage/recorder";
import type { Retention, Storage } from "@/lib/server/storage/storage";
import { ClusterState } from "@/lib/server/store/cluster-state";
import type { Lab } from "./lab";

// The lab's real PostgreSQL 15 as a database for the dashboard's own history (storage.url): the
// leader's port, the lab's superuser (scripts/lab.sh: postgres / lab-postgres), over 127.0.0.1.

export const LAB_SUPERUSER = { user: "postgres", password: "lab-postgres" };

export function labLeaderPgPort(lab: Lab): number {
  const leader = lab.run("leader").trim();
  const index = Number(/^node(\d)$/.exec(leader)?.[1]) - 1;
  if (!(index >= 0)) throw new Error(`lab leader "${leader}" is not nodeN`);
  return Number(lab.env.LAB_PG_PORT) + index;
}

export function labPgUrl(port: number, database: string): string {
  return `postgres://${LAB_SUPERUSER.user}:${LAB_SUPERUSER.password}@127.0.0.1:${port}/${database}`;
}

/** Runs one statement on the lab's `postgres` database (CREATE/DROP DATABASE cannot run in a transaction). */
export async function labAdmin(port: number, sql: string): Promise<void> {
  const client = new pg.Client({
    connectionString: labPgUrl(port, "postgres"),
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the lab's leader; returns its URL. */
export async function freshLabDatabase(port: number, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await labAdmin(port, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await labAdmin(port, `CREATE DATABASE ${name}`);
  return labPgUrl(port, name);
}

/** A retention that keeps everything a lab test records. */
export const KEEP_ALL: Retention = {
  eventsMs: 1e12,
  rawLagMs: 3_600_000,
  rollupMs: 7 * 86_400_000,
  maxBytes: 1e9,
};

/** One dashboard instance polling the lab at 1 s and recording into `storage`; the caller starts and stops it. */
export function labRecordingPoller(
  lab: Lab,
  storage: Storage,
  retention: Retention = KEEP_ALL,
): { state: ClusterState; poller: Poller } {
  const state = new ClusterState(
    "lab",
    0,
    lab.urls().map(
      (u) =>
        new PatroniHttpClient({
          url: u,
          auth: null,
          tls: null,
          timeoutMs: 2000,
          maxBodyBytes: 1 << 20,
        }),
    ),
    50,
  );
  const poller = new Poller([state], {
    intervalMs: 1000,
    slowIntervalMs: 10_000,
    history: new HistoryRecorder(storage, retention),
  });
  return { state, poller };
}
