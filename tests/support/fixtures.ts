import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

// Access to the real Patroni captures copied from shared/fixtures into tests/fixtures.

export const FIXTURES = join(process.cwd(), "tests", "fixtures");

export interface Capture {
  file: string;
  node: string;
  path: string;
  status: number | null;
  body: unknown;
  body_is_json: boolean;
  error: string | null;
}

export function readCapture(...parts: string[]): Capture {
  const file = join(FIXTURES, ...parts);
  return { ...(JSON.parse(readFileSync(file, "utf8")) as Omit<Capture, "file">), file };
}

/** The body of one capture, e.g. body("patroni-4", "a-healthy", "node1", "cluster"). */
export function body(version: string, scenario: string, node: string, endpoint: string): unknown {
  return readCapture(version, scenario, node, `${endpoint}.json`).body;
}

/** Every capture file (recursively) under a fixtures folder, excluding _context notes. */
export function allCaptures(version: string): Capture[] {
  const out: Capture[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "_context") walk(path);
      } else if (name.endsWith(".json")) {
        const parsed = JSON.parse(readFileSync(path, "utf8")) as Omit<Capture, "file">;
        if ("status" in parsed && "body" in parsed) out.push({ ...parsed, file: path });
      }
    }
  };
  walk(join(FIXTURES, version));
  return out;
}

export function sampleFiles(): string[] {
  return readdirSync(join(FIXTURES, "patroni-4-samples")).filter((f) => f.endsWith(".json"));
}

export function sample(file: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, "patroni-4-samples", file), "utf8"));
}
