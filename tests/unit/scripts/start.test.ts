import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// scripts/start.sh with `npm`, `npx` and `node` replaced by stand-ins that print their arguments: which
// address does `npm start` bind? Regression: it passed -H "$HOSTNAME", which bash always sets.

function startCommand(env: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), "pd-start-"));
  for (const tool of ["npm", "npx", "node"]) {
    writeFileSync(join(bin, tool), `#!/bin/sh\necho "${tool} $*"\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  const res = spawnSync("bash", ["scripts/start.sh"], {
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PORT: "", BIND_ADDRESS: "", ...env },
    encoding: "utf8",
    timeout: 10_000,
  });
  assert.equal(res.status, 0, res.stderr);
  const line = res.stdout.split("\n").find((l) => l.startsWith("node scripts/serve.mjs"));
  assert.ok(line, res.stdout);
  return line;
}

describe("npm start's bind address", () => {
  test("binds 127.0.0.1 by default, even with HOSTNAME set (bash sets it anyway)", () => {
    assert.equal(startCommand({}), "node scripts/serve.mjs --port 3000 --hostname 127.0.0.1");
    assert.equal(
      startCommand({ HOSTNAME: "build-host" }),
      "node scripts/serve.mjs --port 3000 --hostname 127.0.0.1",
    );
  });

  test("BIND_ADDRESS and PORT choose another address and port", () => {
    assert.equal(
      startCommand({ BIND_ADDRESS: "0.0.0.0", PORT: "8080" }),
      "node scripts/serve.mjs --port 8080 --hostname 0.0.0.0",
    );
  });
});
