import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startDemoCluster, type DemoCluster } from "@/lib/server/demo";
import { clusterSchema, historySchema, patroniStatusSchema } from "@/lib/server/patroni/schemas";
import { getJson, lab, waitFor } from "../support/lab";
import { FIXTURES, body } from "../support/fixtures";

// One contract, two implementations: the same assertions run against the built-in simulator (speaking
// as Patroni 3.0.2) and against the REAL lab cluster (Debian's Patroni 3.0.2). The expected answers
// come from the real captures: the status code of every path for each role, and the JSON key sets.

const VERSION = "patroni-3.0.2";
type Role = "leader" | "sync_standby" | "replica";

interface Target {
  name: string;
  urls(): string[];
  switchover(): Promise<void>;
  settle(): Promise<void>;
}

/** Expected status per path and role, from a scenario's status-matrix.txt and its /cluster roles. */
function expectedMatrix(scenario: string): Map<Role, Map<string, number>> {
  const lines = readFileSync(join(FIXTURES, VERSION, scenario, "_context", "status-matrix.txt"), "utf8")
    .trim()
    .split("\n");
  const nodes = lines[0]!.trim().split(/\s+/).slice(1);
  const roles = new Map(
    (body(VERSION, scenario, "node1", "cluster") as { members: { name: string; role: Role }[] }).members.map(
      (m) => [m.name, m.role],
    ),
  );
  const out = new Map<Role, Map<string, number>>();
  for (const line of lines.slice(1)) {
    const [path, ...codes] = line.trim().split(/\s+/);
    nodes.forEach((node, i) => {
      const role = roles.get(node)!;
      if (!out.has(role)) out.set(role, new Map());
      out.get(role)!.set(path!, Number(codes[i]));
    });
  }
  return out;
}

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

async function rolesByUrl(urls: string[]): Promise<Map<string, Role>> {
  const view = clusterSchema.parse((await getJson(`${urls[0]}/cluster`)).body);
  const out = new Map<string, Role>();
  for (const url of urls) {
    const member = view.members.find((m) => m.api_url && new URL(m.api_url).host === new URL(url).host);
    assert.ok(member, `no member for ${url}`);
    out.set(url, member.role as Role);
  }
  return out;
}

async function checkMatrix(target: Target, scenario: string): Promise<void> {
  const expected = expectedMatrix(scenario);
  const roles = await rolesByUrl(target.urls());
  assert.deepEqual([...roles.values()].sort(), ["leader", "replica", "sync_standby"]);
  const mismatches: string[] = [];
  for (const [url, role] of roles) {
    for (const [path, status] of expected.get(role)!) {
      const actual = (await getJson(`${url}${path}`)).status;
      if (actual !== status) mismatches.push(`${target.name} ${role} ${path}: ${actual}, expected ${status}`);
    }
  }
  assert.deepEqual(mismatches, []);
}

async function checkShapes(target: Target, scenario: string): Promise<void> {
  const roles = await rolesByUrl(target.urls());
  const fixtureView = body(VERSION, scenario, "node1", "cluster") as {
    members: { name: string; role: Role }[];
  };
  const fixtureNodeOf = (role: Role) => fixtureView.members.find((m) => m.role === role)!.name;
  for (const [url, role] of roles) {
    const status = (await getJson(`${url}/patroni`)).body;
    patroniStatusSchema.parse(status);
    assert.deepEqual(
      keysOf(status),
      keysOf(body(VERSION, scenario, fixtureNodeOf(role), "patroni")),
      `${target.name} ${role} /patroni keys`,
    );
  }
  const view = (await getJson(`${target.urls()[0]}/cluster`)).body as { members: Record<string, unknown>[] };
  clusterSchema.parse(view);
  for (const member of view.members) {
    const fixtureMember = fixtureView.members.find((m) => m.role === member.role)!;
    assert.deepEqual(
      keysOf(member),
      keysOf(fixtureMember),
      `${target.name} /cluster ${String(member.role)} keys`,
    );
  }
  assert.deepEqual(keysOf(view), keysOf(fixtureView), `${target.name} /cluster top-level keys`);
  const history = (await getJson(`${target.urls()[0]}/history`)).body as unknown[][];
  historySchema.parse(history);
  for (const row of history) {
    assert.deepEqual(
      row.map((v) => typeof v),
      ["number", "number", "string", "string", "string"],
      `${target.name} /history row`,
    );
  }
}

function contract(target: () => Target): void {
  test("health endpoints: the status code of every path on every node matches the captures (healthy)", async () => {
    await target().settle();
    await checkMatrix(target(), "a-healthy");
  });
  test("/patroni, /cluster and /history have the captured shapes", async () => {
    await checkShapes(target(), "a-healthy");
  });
  test("after a switchover the matrix follows the new roles, and /history gains the ended timeline", async () => {
    const history = async () => (await getJson(`${target().urls()[0]}/history`)).body as number[][];
    // The lab may be reused from an earlier run with any number of rows: compare with just before.
    const before = await history();
    await target().switchover();
    await target().settle();
    await checkMatrix(target(), "b-after-switchover");
    const afterwards = await history();
    assert.equal(afterwards.length, before.length + 1, "one row for the one switchover");
    assert.deepEqual(afterwards.slice(0, before.length), before, "earlier rows unchanged");
    const ended = afterwards.at(-1)![0]!;
    assert.equal(ended, before.length ? before.at(-1)![0]! + 1 : ended, "the next timeline ended");
    assert.ok(ended >= 1);
  });
}

describe("contract: the simulator speaking as Patroni 3.0.2", () => {
  let sim: DemoCluster;
  const base = Number(process.env.TEST_SIM_PORT ?? 28208);
  before(async () => {
    sim = await startDemoCluster({ version: "3.0.2", seed: 7, ports: [base, base + 1, base + 2] });
  });
  after(() => sim.stop());
  const settled = async () => {
    await waitFor(
      "the simulator to settle",
      async () => {
        const view = clusterSchema.parse((await getJson(`${sim.urls[0]}/cluster`)).body);
        return (
          view.members.length === 3 &&
          view.members.some((m) => m.role === "sync_standby") &&
          view.members.every((m) => m.state === "running")
        );
      },
      30_000,
      200,
    );
  };
  contract(() => ({
    name: "simulator",
    urls: () => sim.urls,
    switchover: async () => {
      const result = await sim.trigger("switchover");
      assert.ok(result.ok, JSON.stringify(result));
      await waitFor("the switchover to finish", async () => sim.info().settled, 30_000, 200);
    },
    settle: settled,
  }));
});

describe("contract: the real lab cluster (Patroni 3.0.2)", () => {
  const real = lab("plain");
  let urls: string[] = [];
  before(() => {
    real.run("up");
    real.run("wait-healthy", "120");
    urls = real.urls();
  });
  contract(() => ({
    name: "lab",
    urls: () => urls,
    switchover: async () => {
      real.run("switchover");
    },
    settle: async () => {
      real.run("wait-healthy", "120");
      // /sync and /async need every node's cached DCS view to have caught up with the new roles.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    },
  }));
});
