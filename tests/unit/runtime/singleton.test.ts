import { test } from "node:test";
import assert from "node:assert/strict";
import { closedPort } from "../../support/servers";

type Runtime = typeof import("@/lib/server/runtime");

// Next.js loads server modules more than once (instrumentation, each route bundle, every dev reload):
// there must still be exactly one runtime and one poller per process.

test("one runtime and one running poller however many times the module is loaded", async () => {
  const port = await closedPort();
  const saved = { ...process.env };
  process.env.PATRONI_NODES = `http://127.0.0.1:${port}`;
  delete process.env.DASHBOARD_CONFIG;
  let first: Runtime | null = null;
  const runtimes: Promise<Awaited<ReturnType<Runtime["getRuntime"]>>>[] = [];
  try {
    // A query string makes the loader evaluate the module again, as a reload does.
    const path = "../../../lib/server/runtime.ts";
    first = (await import(`${path}?load=1`)) as Runtime;
    const second = (await import(`${path}?load=2`)) as Runtime;
    assert.notEqual(first, second, "two separate module instances, as after a reload");
    runtimes.push(first.getRuntime(), second.getRuntime());
    const [a, b] = await Promise.all(runtimes);
    assert.equal(a, b);
    assert.equal(a!.poller, b!.poller);
    assert.equal(a!.poller.isRunning, true);
    assert.equal(a!.config.source, "env");
    const node = a!.clusters[0]!.nodes[0]!;
    assert.equal(node.lastError?.kind, "refused", "the first cycle ran before getRuntime resolved");
  } finally {
    // Stopped whatever the assertions found: a running poller's timers keep the test process alive.
    for (const result of await Promise.allSettled(runtimes)) {
      if (result.status === "fulfilled") result.value.poller.stop();
    }
    first?.installRuntime(null);
    process.env = saved;
  }
});
