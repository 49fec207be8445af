import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openSqlite, SQLITE_FILE } from "@/lib/server/storage/sqlite";
import { storageBehaviour, T0 } from "../../support/storage-behaviour";

// The storage interface on SQLite, each test on a fresh file in a temp dir.

const root = mkdtempSync(join(tmpdir(), "pd-storage-"));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

describe("storage (SQLite)", () => {
  storageBehaviour(async () => openSqlite(join(root, `db-${++n}`)));

  test(
    "WAL mode, versioned migrations applied once, data kept across reopen",
    { timeout: 20_000 },
    async () => {
      const dir = join(root, "reopen");
      const first = openSqlite(dir);
      await first.write({ events: [{ at: T0, cluster: "a", kind: "paused", member: null }] });
      await first.close();
      const second = openSqlite(dir);
      assert.deepEqual(
        (await second.events({ limit: 5 })).map((e) => [e.at, e.kind]),
        [[T0, "paused"]],
      );
      await second.close();
      const db = new Database(join(dir, SQLITE_FILE), { readonly: true });
      try {
        assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
        assert.deepEqual(db.prepare("SELECT version FROM schema_migrations ORDER BY version").all(), [
          { version: 1 },
          { version: 2 },
        ]);
      } finally {
        db.close();
      }
    },
  );

  test("a database from a newer version is refused with a clear message", { timeout: 20_000 }, async () => {
    const dir = join(root, "newer");
    await openSqlite(dir).close();
    const db = new Database(join(dir, SQLITE_FILE));
    db.prepare("INSERT INTO schema_migrations VALUES (99, 0)").run();
    db.close();
    assert.throws(() => openSqlite(dir), /schema is version 99, newer than this dashboard/);
  });
});
