import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET as explore } from "@/app/api/clusters/[name]/nodes/[member]/explore/route";
import { GET, POST } from "@/app/api/demo/exercises/route";
import { POST as trigger } from "@/app/api/demo/route";
import { demoExercisesSchema } from "@/lib/domain/demo";
import { installRuntime } from "@/lib/server/runtime";
import { builtInDemoRuntime } from "../../support/built-in-demo";

// The guided exercises' endpoint against the real built-in simulator and the real explorer route:
// a tick appears only once the explorer relayed the right answer or the poller saw the change.

const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});
const ticked = async () =>
  demoExercisesSchema
    .parse(await (await GET()).json())
    .exercises.filter((e) => e.done)
    .map((e) => `${e.id}:${e.member ?? ""}`);
const ask = (member: string, path: string) =>
  explore(new Request(`http://localhost/api/clusters/demo/nodes/${member}/explore?path=${path}`), {
    params: Promise.resolve({ name: "demo", member }),
  });

async function until<T>(what: string, fn: () => Promise<T | null>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("/api/demo/exercises with the built-in demo cluster", { timeout: 60_000 }, () => {
  const demo = builtInDemoRuntime();

  test("nothing is ticked at first; explorer answers tick the Lab 1 tasks", async () => {
    await demo.start();
    const res = await GET();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    assert.deepEqual(await ticked(), []);
    // The poller must have met the members before the explorer can reach them by name.
    const leader = await until("the explorer to reach node1", async () => {
      const r = await ask("node1", "primary");
      return r.status === 200 ? r : null;
    });
    assert.equal(((await leader.json()) as { status: number }).status, 200);
    assert.deepEqual(await ticked(), ["find-primary:node1"]);
    assert.equal((await ask("node2", "root")).status, 200, "the route answers; the node said 503");
    assert.deepEqual(await ticked(), ["find-primary:node1", "root-503:node2"]);
  });

  test("a switchover ticks once the poller has seen the new leader", async () => {
    const res = await trigger(new Request("http://localhost/api/demo", json({ scenario: "switchover" })));
    assert.equal(res.status, 200);
    const list = await until(
      "the switchover tick",
      async () => {
        const now = await ticked();
        return now.some((s) => s.startsWith("switchover")) ? now : null;
      },
      30_000,
    );
    assert.ok(list.includes("switchover:node2"), list.join());
  });

  test("reset starts over; only JSON {action: reset} is accepted", async () => {
    assert.equal((await POST(new Request("http://localhost/x", json({ action: "drop" })))).status, 400);
    assert.equal(
      (await POST(new Request("http://localhost/x", { method: "POST", body: "action=reset" }))).status,
      415,
    );
    const res = await POST(new Request("http://localhost/x", json({ action: "reset" })));
    assert.equal(res.status, 200);
    assert.deepEqual(await ticked(), []);
  });
});

describe("/api/demo/exercises with a configured cluster", () => {
  test("does not exist (404)", async () => {
    installRuntime({
      config: { source: "env", clusters: [] } as never,
      clusters: [],
      poller: { stop() {} } as never,
      demo: null,
      startedAt: 0,
    });
    assert.equal((await GET()).status, 404);
    assert.equal((await POST(new Request("http://localhost/x", json({ action: "reset" })))).status, 404);
    installRuntime(null);
  });
});
