import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { connect } from "node:net";
import { type DemoCluster, startDemoCluster } from "@/lib/server/demo";

// The simulator over real HTTP on 127.0.0.1 (ephemeral ports, fake clock): raw HTTP/1.0 answers,
// bare status lines without any header, and a stopped node that refuses connections.

/** Sends one raw request and returns everything the server wrote before closing. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(request));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("error", reject);
  });
}

function refused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe("startDemoCluster over HTTP", () => {
  const clock = { t: Date.UTC(2026, 10, 25, 19, 23, 0) };
  let cluster: DemoCluster;
  const port = (i: number) => cluster.nodes[i]!.port;

  before(async () => {
    cluster = await startDemoCluster({ ports: [0, 0, 0], seed: 5, now: () => clock.t, syncIntervalMs: 20 });
  });
  after(() => cluster.stop());

  test("listens on three loopback ports and tells /cluster about them", async () => {
    assert.equal(cluster.nodes.length, 3);
    assert.ok(cluster.urls.every((u) => /^http:\/\/127\.0\.0\.1:\d+$/.test(u)));
    const res = await fetch(`${cluster.urls[1]}/cluster`);
    const body = (await res.json()) as { members: { api_url: string }[] };
    assert.deepEqual(
      body.members.map((m) => m.api_url),
      cluster.urls.map((u) => `${u}/patroni`),
    );
  });

  test("answers as HTTP/1.0 with Patroni's headers, then closes", async () => {
    const text = await raw(port(0), "GET /patroni HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
    const [head, body] = text.split("\r\n\r\n");
    const lines = head!.split("\r\n");
    assert.equal(lines[0], "HTTP/1.0 200 OK");
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(":")[0]),
      ["Server", "Date", "Content-Type", "Connection"],
    );
    assert.ok(lines.includes("Server: BaseHTTP/0.6 Python/3.11.2"));
    assert.equal((JSON.parse(body!) as { role: string }).role, "primary");
  });

  test("HEAD, OPTIONS, /liveness and /readiness are a bare status line, no headers at all", async () => {
    assert.equal(await raw(port(1), "HEAD /replica HTTP/1.1\r\nHost: x\r\n\r\n"), "HTTP/1.0 200 OK\r\n\r\n");
    assert.equal(
      await raw(port(1), "OPTIONS /primary HTTP/1.1\r\nHost: x\r\n\r\n"),
      "HTTP/1.0 503 Service Unavailable\r\n\r\n",
    );
    assert.equal(await raw(port(2), "GET /liveness HTTP/1.0\r\n\r\n"), "HTTP/1.0 200 OK\r\n\r\n");
    const readiness = await fetch(`${cluster.urls[2]}/readiness`);
    assert.equal(readiness.status, 200);
    assert.deepEqual([...readiness.headers.keys()], []);
  });

  test("a stopped node refuses connections, then listens on the same port again", async () => {
    const before = port(2);
    const result = await cluster.trigger("node-down");
    assert.ok(result.ok);
    assert.equal(await refused(before), "ECONNREFUSED");
    clock.t += 3_000;
    await cluster.sync();
    type Member = { name: string; state: string; lag: unknown };
    const members = ((await (await fetch(`${cluster.urls[0]}/cluster`)).json()) as { members: Member[] })
      .members;
    const node3 = members.find((m) => m.name === "node3");
    assert.deepEqual(
      [node3?.state, node3?.lag],
      ["stopped", "unknown"],
      "the survivors still list it, stopped",
    );
    assert.ok((await cluster.trigger("healthy")).ok);
    assert.equal(port(2), before);
    const res = await fetch(`${cluster.urls[2]}/patroni`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { role: string }).role, "replica");
    assert.equal(cluster.info().scenario, "healthy");
  });

  test("cut off from the DCS, the leader hangs up on /cluster after retry_timeout with no status line", async () => {
    clock.t += 10_000; // let the previous test's recovery finish
    await cluster.sync();
    const cut = await cluster.trigger("dcs-lost");
    assert.ok(cut.ok, cut.ok ? "" : cut.error);
    const started = performance.now();
    const text = await raw(port(0), "GET /cluster HTTP/1.0\r\n\r\n");
    const waited = performance.now() - started;
    assert.equal(text, "", "nothing at all is written");
    assert.ok(waited >= 4_900 && waited < 8_000, `closed after ${Math.round(waited)} ms`);
    const status = (await (await fetch(`${cluster.urls[0]}/patroni`)).json()) as {
      cluster_unlocked?: boolean;
    };
    assert.equal(status.cluster_unlocked, true, "/patroni keeps answering");
    assert.ok((await cluster.trigger("healthy")).ok);
    assert.equal((await fetch(`${cluster.urls[0]}/cluster`)).status, 200);
  });

  test("writes get a 501 HTML page", async () => {
    const res = await fetch(`${cluster.urls[0]}/switchover`, { method: "POST", body: "{}" });
    assert.equal(res.status, 501);
    assert.equal(res.headers.get("content-type"), "text/html;charset=utf-8");
    assert.match(await res.text(), /Unsupported method \('POST'\)/);
  });
});

describe("startDemoCluster options", () => {
  test("only 127.0.0.0/8 hosts and exactly three ports are accepted", async () => {
    for (const host of ["0.0.0.0", "10.0.0.1", "localhost", "::1", "127.0.0.256"]) {
      await assert.rejects(startDemoCluster({ host, ports: [0, 0, 0] }), /127\.0\.0\.0\/8/, host);
    }
    await assert.rejects(startDemoCluster({ ports: [0, 0] }), /exactly 3 ports/);
  });

  test("given ports that are taken fail loudly instead of moving elsewhere", async () => {
    const first = await startDemoCluster({ ports: [0, 0, 0] });
    try {
      await assert.rejects(startDemoCluster({ ports: first.nodes.map((n) => n.port) }), /cannot listen/);
    } finally {
      await first.stop();
    }
  });
});
