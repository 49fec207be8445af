import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  createRequestListener,
  createTurnGate,
  PEER_HEADER,
  type FastHook,
} from "@/scripts/serve-listener.mjs";

// scripts/serve.mjs's request listener on a real node:http server, with Next's handler replaced by one
// that echoes the headers it receives: the peer header is always the socket's address (a client's own
// value never passes, however it is spelled or repeated), and the fast path answers only what its hook
// accepts.

let hook: FastHook | undefined;
const seenByNext: IncomingMessage["headers"][] = [];
const next = (req: IncomingMessage, res: ServerResponse) => {
  seenByNext.push(req.headers);
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ via: "next" }));
};
const server = http.createServer(createRequestListener(next, () => hook));
let port = 0;

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A raw request (header lines exactly as written), its status and body. */
function raw(
  lines: string[],
): Promise<{ status: number; body: string; headers: IncomingMessage["headers"] }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: lines[0], method: "GET", setHost: true });
    for (const line of lines.slice(1)) {
      const [name, value] = line.split(": ");
      const old = req.getHeader(name!);
      req.setHeader(name!, old === undefined ? value! : [String(old), value!]);
    }
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("x-dashboard-peer", () => {
  test("set to the peer's address on every request, whatever the client sent", async () => {
    hook = undefined;
    seenByNext.length = 0;
    await raw(["/"]);
    await raw(["/a", `${PEER_HEADER}: 10.1.2.3`]);
    await raw(["/b", "X-Dashboard-Peer: 10.1.2.3", "x-DASHBOARD-peer: 192.168.0.1"]);
    assert.equal(seenByNext.length, 3);
    for (const headers of seenByNext) assert.equal(headers[PEER_HEADER], "127.0.0.1");
  });
});

describe("the fast path", () => {
  test("answers what the hook accepts, with its status, headers and body; Next never sees it", async () => {
    const asked: unknown[] = [];
    hook = async (method, url, headers) => {
      asked.push([method, url, headers["if-none-match"] ?? null]);
      return url === "/fast" ? { status: 200, headers: { ETag: '"e"', "X-Test": "1" }, body: "{}" } : null;
    };
    seenByNext.length = 0;
    const fast = await raw(["/fast", 'If-None-Match: "e"']);
    assert.equal(fast.status, 200);
    assert.equal(fast.body, "{}");
    assert.equal(fast.headers["x-test"], "1");
    assert.equal(fast.headers["content-length"], "2");
    assert.equal(seenByNext.length, 0);
    const declined = await raw(["/slow"]);
    assert.equal(JSON.parse(declined.body).via, "next");
    assert.deepEqual(asked, [
      ["GET", "/fast", '"e"'],
      ["GET", "/slow", null],
    ]);
  });

  test("a 304 has no body", async () => {
    hook = async () => ({ status: 304, headers: { ETag: '"e"' }, body: null });
    const res = await raw(["/x"]);
    assert.equal(res.status, 304);
    assert.equal(res.body, "");
  });

  test("a hook that throws: a JSON 500, and the server keeps serving", async () => {
    const logged: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      hook = async () => {
        throw new Error("boom");
      };
      const res = await raw(["/x"]);
      assert.equal(res.status, 500);
      assert.deepEqual(JSON.parse(res.body), { error: "internal error" });
      assert.equal(logged.length, 1);
    } finally {
      console.error = error;
    }
    hook = undefined;
    assert.equal((await raw(["/x"])).status, 200);
  });
});

/** A server of its own on a free port with `listener`; get() resolves to the status and body. */
async function serve(listener: http.RequestListener) {
  const server = http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, path }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on("error", reject);
    });
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { get, close };
}

describe("the turn gate in front of Next", () => {
  /** Keeps the CPU busy for `ms`, as Next's handler does for a couple of ms per request. */
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  test("at most perTurn requests per turn, in arrival order; a timer due meanwhile runs between turns", async () => {
    const admit = createTurnGate(8);
    const log: string[] = [];
    const done = new Promise<void>((resolve) => {
      for (let i = 0; i < 20; i++)
        admit(() => {
          busy(1);
          log.push(`r${i}`);
          if (i === 19) resolve();
        });
    });
    // Due after 1 ms: the first turn's 8 runs take 8 ms, so it is due before the second turn starts.
    const timer = new Promise<void>((resolve) =>
      setTimeout(() => {
        log.push("timer");
        resolve();
      }, 0),
    );
    await Promise.all([done, timer]);
    assert.deepEqual(
      log.filter((entry) => entry !== "timer"),
      Array.from({ length: 20 }, (_, i) => `r${i}`),
    );
    // Without the gate all 20 would run in one stretch and the timer would come last (index 20).
    assert.ok(
      log.indexOf("timer") <= 8,
      `the timer waited for ${log.indexOf("timer")} runs: ${log.join(" ")}`,
    );
  });

  test("a Next handler that throws at once: a JSON 500 through the gate, and the ones behind it still run", async () => {
    const logged: unknown[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    const gated = await serve(
      createRequestListener(
        (req, res) => {
          if (req.url === "/throws") throw new Error("boom");
          res.writeHead(200).end("next");
        },
        () => undefined,
        createTurnGate(1),
      ),
    );
    try {
      const [thrown, after] = await Promise.all([gated.get("/throws"), gated.get("/page")]);
      assert.equal(thrown.status, 500);
      assert.deepEqual(JSON.parse(thrown.body), { error: "internal error" });
      assert.deepEqual(after, { status: 200, body: "next" });
      assert.equal(logged.length, 1);
    } finally {
      console.error = error;
      await gated.close();
    }
  });

  test("requests for Next wait for the gate; the fast path does not", async () => {
    const held: (() => void)[] = [];
    const gated = await serve(
      createRequestListener(
        (_req, res) => res.writeHead(200).end("next"),
        () => async (_method, url) => (url === "/fast" ? { status: 200, headers: {}, body: "fast" } : null),
        (run) => held.push(run),
      ),
    );
    try {
      const slow = gated.get("/page");
      assert.deepEqual(await gated.get("/fast"), { status: 200, body: "fast" });
      assert.equal(held.length, 1, "the request for Next is waiting at the gate");
      held.shift()!();
      assert.deepEqual(await slow, { status: 200, body: "next" });
    } finally {
      await gated.close();
    }
  });
});
