import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { openPostgres } from "@/lib/server/storage/postgres";
import { lab } from "../support/lab";
import { freshLabDatabase, labAdmin, labLeaderPgPort } from "../support/lab-postgres";
import { storageBehaviour, T0 } from "../support/storage-behaviour";

// The storage interface on the lab's real PostgreSQL 15: the same behaviour suite as SQLite's, each
// test in a fresh database, plus what only a shared database has (two instances migrating at once).

const cluster = lab("plain");
let port = 0;
const created: string[] = [];
let n = 0;

before(() => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  port = labLeaderPgPort(cluster);
});
after(async () => {
  for (const name of created)
    await labAdmin(port, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
});

async function fresh(): Promise<string> {
  const name = `pd_storage_test_${process.pid}_${++n}`;
  created.push(name);
  return freshLabDatabase(port, name);
}

describe("storage (PostgreSQL 15, the lab's)", { timeout: 300_000 }, () => {
  storageBehaviour(async () => openPostgres(await fresh()));

  test(
    "two instances starting together apply each migration once; both read what either wrote",
    { timeout: 60_000 },
    async () => {
      const url = await fresh();
      const [a, b] = await Promise.all([openPostgres(url), openPostgres(url)]);
      try {
        await a.write({ events: [{ at: T0, cluster: "x", kind: "paused", member: null }] });
        await b.write({ events: [{ at: T0 + 1, cluster: "x", kind: "resumed", member: null }] });
        assert.deepEqual(
          (await a.events({ limit: 5 })).map((e) => e.kind),
          ["resumed", "paused"],
        );
        assert.deepEqual(
          (await b.events({ limit: 5 })).map((e) => e.kind),
          ["resumed", "paused"],
        );
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          const rows = (await client.query("SELECT version FROM schema_migrations ORDER BY version")).rows;
          assert.deepEqual(rows, [{ version: 1 }]);
        } finally {
          await client.end();
        }
      } finally {
        await a.close();
        await b.close();
      }
    },
  );

  test("a wrong password is a clear error at open, not a hang", { timeout: 30_000 }, async () => {
    const url = (await fresh()).replace(":lab-postgres@", ":wrong@");
    await assert.rejects(openPostgres(url), /password authentication failed/);
  });
});
