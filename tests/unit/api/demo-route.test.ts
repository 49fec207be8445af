import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { GET, POST } from "@/app/api/demo/route";
import { demoStateSchema, demoTriggerResponseSchema } from "@/lib/domain/demo";
import { getRuntime, installRuntime } from "@/lib/server/runtime";
import { builtInDemoRuntime } from "../../support/built-in-demo";

// The demo control endpoint, against the real built-in simulator started by the runtime.

const post = (body: unknown, type = "application/json") =>
  POST(
    new Request("http://localhost/api/demo", {
      method: "POST",
      headers: { "content-type": type },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );

describe("/api/demo with the built-in demo cluster", () => {
  const demo = builtInDemoRuntime();

  test("GET shows the scenario state and where the simulated nodes listen", async () => {
    const ports = await demo.start();
    const res = await GET();
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const state = demoStateSchema.parse(await res.json());
    assert.deepEqual(
      state.nodes.map((n) => n.url),
      ports.map((p) => `http://127.0.0.1:${p}`),
    );
    assert.equal(state.scenario, "healthy");
    assert.equal((await getRuntime()).config.source, "demo");
  });

  test("POST triggers a scenario by name", async () => {
    const res = await post({ scenario: "maintenance" });
    assert.equal(res.status, 200);
    const body = demoTriggerResponseSchema.parse(await res.json());
    assert.equal(body.ok, true);
    assert.equal(body.state.scenario, "maintenance");
  });

  test("anything but a known scenario name is refused: unknown names, URLs, extra fields, forms", async () => {
    assert.equal((await post({ scenario: "drop-database" })).status, 400);
    assert.equal((await post({ scenario: "http://10.0.0.1/" })).status, 400);
    assert.equal((await post({ scenario: "healthy", url: "http://127.0.0.1:9/" })).status, 400);
    assert.equal((await post("{", "application/json")).status, 400);
    assert.equal((await post("scenario=failover", "application/x-www-form-urlencoded")).status, 415);
  });

  test("a 50 MB body is refused with 413 after reading no more than the cap (regression: read whole)", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= 50 * 1024 * 1024) return controller.close();
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await POST(
      new Request("http://localhost/api/demo", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit),
    );
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: string }).error, /over 4096 bytes/);
    assert.ok(pulled <= 4 * chunk.byteLength, `read ${pulled} bytes of a 50 MB body`);
    // A declared Content-Length over the cap is refused before reading anything.
    const declared = await POST(
      new Request("http://localhost/api/demo", {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) },
        body: "{}",
      }),
    );
    assert.equal(declared.status, 413);
    assert.equal((await post({ scenario: "healthy" })).status, 200, "a normal trigger still works");
  });
});

describe("/api/demo with a configured cluster", () => {
  test("does not exist (404)", async () => {
    installRuntime({
      config: {
        source: "env",
        file: null,
        pollIntervalMs: 5000,
        slowPollIntervalMs: 30000,
        requestTimeoutMs: 2500,
        historyLength: 10,
        clusters: [],
      } as never,
      clusters: [],
      poller: { stop() {} } as never,
      demo: null,
      startedAt: 0,
    });
    assert.equal((await GET()).status, 404);
    assert.equal((await post({ scenario: "failover" })).status, 404);
    installRuntime(null);
  });
});
