import assert from "node:assert/strict";
import { after, before } from "node:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import { GET as getAudit } from "@/app/api/audit/route";
import { POST as login } from "@/app/api/auth/login/route";
import { POST as act } from "@/app/api/clusters/[name]/actions/route";
import { stopOutcomeWatchers } from "@/lib/server/actions/run";
import { loadConfig, type Env } from "@/lib/server/config/load";
import { createRuntime, installRuntime, startPolling, type Runtime } from "@/lib/server/runtime";
import { openSqlite } from "@/lib/server/storage/sqlite";
import type { Lab } from "./lab";

// The dashboard's server side in the test process with login and actions enabled and the real SQLite
// store in a fresh DATA_DIR, against a real lab; its route handlers are called as Next.js calls them.

export const ORIGIN = { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" };
export const OPERATOR_PASSWORD = "op-pass-1";
export const ADMIN_PASSWORD = "admin-pass-1";

export interface ActionsDashboard {
  runtime: Runtime;
  cookie: string;
  /** As the operator olga, or as the admin ada. */
  act(
    name: string,
    body: Record<string, unknown>,
    as?: "operator" | "admin",
  ): Promise<{ status: number; text: string; body: Record<string, unknown> }>;
  audit(): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** `clusterYaml`: the clusters: section's lines for one cluster (indented two spaces under clusters:). */
export async function startActionsDashboard(clusterYaml: string[], env: Env = {}): Promise<ActionsDashboard> {
  const dir = mkdtempSync(join(tmpdir(), "pd-actions-it-"));
  const hash = bcrypt.hashSync(OPERATOR_PASSWORD, 4);
  const file = join(dir, "dashboard.yml");
  writeFileSync(
    file,
    [
      "poll_interval: 1",
      "clusters:",
      ...clusterYaml,
      "auth:",
      "  users:",
      `    - { username: olga, password_hash: "${hash}", role: operator }`,
      `    - { username: ada, password_hash: "${bcrypt.hashSync(ADMIN_PASSWORD, 4)}", role: admin }`,
      "actions:",
      "  enabled: true",
      "",
    ].join("\n"),
  );
  const config = loadConfig({ ...env, DASHBOARD_CONFIG: file, DATA_DIR: join(dir, "data") }, process.cwd());
  const storage = openSqlite(config.storage!.dataDir);
  const runtime = createRuntime(config, null, storage);
  installRuntime(runtime);
  await startPolling(runtime);
  const signIn = async (username: string, password: string) => {
    const res = await login(
      new Request("http://127.0.0.1:3000/api/auth/login", {
        method: "POST",
        headers: { ...ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ username, password }),
      }),
    );
    assert.equal(res.status, 204);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  };
  const cookie = await signIn("olga", OPERATOR_PASSWORD);
  const adminCookie = await signIn("ada", ADMIN_PASSWORD);
  return {
    runtime,
    cookie,
    async act(name, body, as = "operator") {
      const r = await act(
        new Request(`http://127.0.0.1:3000/api/clusters/${name}/actions`, {
          method: "POST",
          headers: {
            ...ORIGIN,
            cookie: as === "admin" ? adminCookie : cookie,
            "content-type": "application/json",
          },
          body: JSON.stringify({ confirm: name, ...body }),
        }),
        { params: Promise.resolve({ name }) },
      );
      const text = await r.text();
      return { status: r.status, text, body: JSON.parse(text) as Record<string, unknown> };
    },
    async audit() {
      const r = await getAudit(new Request("http://127.0.0.1:3000/api/audit", { headers: { cookie } }));
      assert.equal(r.status, 200);
      return ((await r.json()) as { events: Record<string, unknown>[] }).events;
    },
    async close() {
      stopOutcomeWatchers();
      runtime.poller.stop();
      installRuntime(null);
      await storage.close();
    },
  };
}

/**
 * For a test file whose every test acts on the plain lab: brings the lab up before the file and down
 * (purged) after it, with a dashboard on it in between. The returned object stands for that dashboard.
 */
export function labActionsDashboard(real: Lab): ActionsDashboard {
  let current: ActionsDashboard | undefined;
  const started = () => {
    if (!current) throw new Error("the actions dashboard is used before its before() hook ran");
    return current;
  };
  before(async () => {
    real.run("up");
    real.run("wait-healthy", "120");
    current = await startActionsDashboard([`  - name: lab`, `    nodes: [${real.urls().join(", ")}]`]);
  });
  after(async () => {
    await current?.close();
    real.run("down", "--purge");
  });
  return {
    get runtime() {
      return started().runtime;
    },
    get cookie() {
      return started().cookie;
    },
    act: (...args) => started().act(...args),
    audit: () => started().audit(),
    close: () => started().close(),
  };
}
