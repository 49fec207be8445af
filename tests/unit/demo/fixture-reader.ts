// Reads the real Patroni captures (tests/fixtures) for the demo simulator's tests, and drives a
// simulator with a fake clock. Roles, not node names, are compared: the captures' leader is not
// always node1.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDemoModel, type DemoModel, type DemoVersion } from "@/lib/server/demo";

export const FIXTURES = join(process.cwd(), "tests", "fixtures");
export const NODES = ["node1", "node2", "node3"] as const;

export type FixtureVersion = "patroni-4" | "patroni-3.0.2";
export const VERSIONS: { dir: FixtureVersion; version: DemoVersion }[] = [
  { dir: "patroni-4", version: "4.1.4" },
  { dir: "patroni-3.0.2", version: "3.0.2" },
];

export interface Capture {
  status: number | null;
  reason?: string;
  headers: Record<string, string>;
  body: unknown;
  path: string;
}

export function capture(dir: FixtureVersion, scenario: string, node: string, file: string): Capture {
  return JSON.parse(readFileSync(join(FIXTURES, dir, scenario, node, `${file}.json`), "utf8")) as Capture;
}

/** status-matrix.txt as path → [code or null for ERR] in node1..node3 order. */
export function statusMatrix(dir: FixtureVersion, scenario: string): Map<string, (number | null)[]> {
  const text = readFileSync(join(FIXTURES, dir, scenario, "_context", "status-matrix.txt"), "utf8");
  const rows = new Map<string, (number | null)[]>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [path, ...codes] = line.trim().split(/\s+/);
    rows.set(
      path!,
      codes.map((c) => (c === "ERR" ? null : Number(c))),
    );
  }
  return rows;
}

/** Each node's role as a live member's /cluster shows it; "gone" when absent (or no live member). */
export function rolesFromCluster(members: { name: string; role: string }[] | undefined): string[] {
  return NODES.map((n) => members?.find((m) => m.name === n)?.role ?? "gone");
}

export function fixtureRoles(dir: FixtureVersion, scenario: string): string[] {
  for (const node of NODES) {
    const c = capture(dir, scenario, node, "cluster");
    if (c.status === 200)
      return rolesFromCluster((c.body as { members: { name: string; role: string }[] }).members);
  }
  throw new Error(`no live /cluster in ${dir}/${scenario}`);
}

/** A simulator on a fake clock that starts where the 4.x captures were taken. */
export function fakeCluster(version: DemoVersion, seed: number | string = 1) {
  const clock = { t: Date.UTC(2026, 10, 25, 19, 23, 0) };
  const model = createDemoModel({ seed, version, now: () => clock.t });
  return {
    model,
    clock,
    /** Moves the fake clock forward in steps, so every HA loop and scripted step runs in order. */
    wait(ms: number, step = 250) {
      for (let left = ms; left > 0; left -= step) {
        clock.t += Math.min(step, left);
        model.advance();
      }
    },
    /** The node's answer; null when it gives none (API down, or it hangs up without a status line). */
    get(node: string, path: string) {
      const res = model.respond(node, "GET", path);
      return res && res.dropAfterMs === undefined ? res : null;
    },
    json(node: string, path: string): Record<string, unknown> {
      const res = model.respond(node, "GET", path);
      if (!res) throw new Error(`${node} is down`);
      if (res.dropAfterMs !== undefined) throw new Error(`${node} hangs up on ${path}`);
      return JSON.parse(res.body) as Record<string, unknown>;
    },
  };
}
export type FakeCluster = ReturnType<typeof fakeCluster>;

export function simRoles(sim: FakeCluster): string[] {
  for (const node of NODES) {
    const res = sim.get(node, "/cluster");
    if (res)
      return rolesFromCluster(
        (JSON.parse(res.body) as { members: { name: string; role: string }[] }).members,
      );
  }
  throw new Error("no live node");
}

/** The status code of `path` on every node (null = connection refused). */
export function simCodes(model: DemoModel, path: string): (number | null)[] {
  return NODES.map((n) => model.respond(n, "GET", path)?.status ?? null);
}

/**
 * Compares a simulator with a capture's status matrix column by column, pairing columns by role.
 * Returns the mismatches as readable lines (empty when everything matches).
 */
export function compareMatrix(
  sim: FakeCluster,
  dir: FixtureVersion,
  scenario: string,
  skip: string[] = [],
): string[] {
  const matrix = statusMatrix(dir, scenario);
  const want = fixtureRoles(dir, scenario);
  const have = simRoles(sim);
  const problems: string[] = [];
  const used = new Set<number>();
  const pairs = want.map((role, i) => {
    const j = have.findIndex((r, k) => r === role && !used.has(k));
    if (j < 0)
      problems.push(`capture ${NODES[i]} is ${role}, no simulator node has that role (${have.join(",")})`);
    used.add(j);
    return [i, j] as const;
  });
  if (problems.length > 0) return problems;
  for (const [path, codes] of matrix) {
    if (skip.includes(path)) continue;
    const got = simCodes(sim.model, path);
    for (const [i, j] of pairs) {
      if (codes[i] !== got[j]) {
        problems.push(
          `${path}: capture ${NODES[i]} (${want[i]}) ${codes[i] ?? "ERR"}, simulator ${NODES[j]} ${got[j] ?? "ERR"}`,
        );
      }
    }
  }
  return problems;
}
