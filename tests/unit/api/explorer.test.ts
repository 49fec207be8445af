import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import {
  curlCommand,
  EXPLORER_PATHS,
  explorerPath,
  explorerPathInVersion,
  prettyJson,
} from "@/lib/domain/explorer";
import { explore, ExplorerLimiter } from "@/lib/server/explorer/explore";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { listen, type TestServer } from "../../support/servers";

// The explorer's path list and refusals, and one exchange read off a real socket: a tiny server that
// answers exactly as Patroni's BaseHTTPServer does (HTTP/1.0, its own reason phrase, then close).

const SECRET = "s3cr3t-pass";
let node: TestServer;
const seen: { line: string; authorization: string | null }[] = [];
/** Held answers: while set, the server waits for it before answering (an in-flight request). */
let hold: Promise<void> | null = null;

before(async () => {
  node = await listen(
    net.createServer((socket) => {
      let data = "";
      socket.on("data", (chunk: Buffer) => {
        data += chunk.toString("latin1");
        if (!data.includes("\r\n\r\n")) return;
        const [line, ...headers] = data.split("\r\n\r\n")[0]!.split("\r\n");
        const auth = headers.find((h) => h.toLowerCase().startsWith("authorization:"));
        seen.push({ line: line!, authorization: auth ? auth.slice(auth.indexOf(":") + 1).trim() : null });
        const body = JSON.stringify({ state: "running", role: "replica", patroni: { version: "4.0.4" } });
        const answer = () =>
          socket.end(
            `HTTP/1.0 503 Service Unavailable\r\nServer: BaseHTTP/0.6 Python/3.11.2\r\nDate: Wed, 02 Dec 2026 03:00:00 GMT\r\nContent-Type: application/json\r\n\r\n${body}`,
          );
        if (hold) void hold.then(answer);
        else answer();
      });
    }),
  );
});

after(async () => {
  await node?.close();
});

function cluster(version: string | null = "4.0.4"): ClusterState {
  const client = new PatroniHttpClient({
    url: node.url,
    auth: { username: "patroni", password: SECRET },
    tls: null,
    timeoutMs: 3000,
    maxBodyBytes: 1 << 20,
  });
  const state = new ClusterState("demo", 0, [client], 10);
  state.nodes[0]!.memberName = "node2";
  if (version)
    state.nodes[0]!.status = { patroniVersion: version } as unknown as NonNullable<
      (typeof state.nodes)[0]["status"]
    >;
  return state;
}

describe("explorer paths", { timeout: 5000 }, () => {
  test("the list holds every GET path of Lab 1, each once, all relative to the node", () => {
    const paths: string[] = EXPLORER_PATHS.map((p) => p.path);
    for (const wanted of [
      "/",
      "/patroni",
      "/cluster",
      "/history",
      "/config",
      "/health",
      "/liveness",
      "/readiness",
      "/primary",
      "/master",
      "/replica",
      "/read-write",
      "/read-only",
      "/synchronous",
      "/sync",
      "/asynchronous",
      "/async",
      "/standby-leader",
      "/failsafe",
      "/metrics",
    ])
      assert.ok(paths.includes(wanted), `${wanted} is in the list`);
    assert.ok(paths.some((p) => p.startsWith("/replica?lag=")));
    assert.ok(paths.some((p) => p.startsWith("/read-only?lag=")));
    assert.equal(new Set(paths).size, paths.length);
    assert.equal(new Set(EXPLORER_PATHS.map((p) => p.id)).size, paths.length);
    for (const p of paths)
      assert.match(p, /^\/[a-z-]*(\?lag=\d+)?$/, "no host, no scheme, nothing to inject");
  });

  test("only an id of the list is accepted: not a path, not a URL, not a prototype key", () => {
    assert.equal(explorerPath("root")?.path, "/");
    for (const bad of [
      "/patroni",
      "http://127.0.0.1:1/",
      "../x",
      "constructor",
      "__proto__",
      "",
      null,
      3,
      undefined,
    ])
      assert.equal(explorerPath(bad), null, String(bad));
  });

  test("paths newer than the node's Patroni are marked, unknown versions are asked", () => {
    const metrics = explorerPath("metrics")!;
    const failsafe = explorerPath("failsafe")!;
    assert.equal(explorerPathInVersion(metrics, "2.0.2"), false);
    assert.equal(explorerPathInVersion(metrics, "2.1.0"), true);
    assert.equal(explorerPathInVersion(failsafe, "2.1.7"), false);
    assert.equal(explorerPathInVersion(failsafe, null), true);
    assert.equal(explorerPathInVersion(explorerPath("root")!, "1.6.5"), true);
  });

  test("curl line and pretty body", () => {
    assert.equal(
      curlCommand("https://10.0.0.1:8008/", "/replica?lag=1048576", {
        auth: true,
        https: true,
        insecure: true,
      }),
      "curl -i -k -u 'USER:PASSWORD' 'https://10.0.0.1:8008/replica?lag=1048576'",
    );
    assert.equal(
      curlCommand("http://h:8008", "/", { auth: false, https: false, insecure: false }),
      "curl -i 'http://h:8008/'",
    );
    assert.equal(prettyJson('{"a":1}'), '{\n  "a": 1\n}');
    assert.equal(prettyJson("<html>502</html>"), null);
    assert.equal(prettyJson("# HELP patroni_version\n"), null);
  });
});

describe("explore() against a socket that answers like Patroni", { timeout: 10_000 }, () => {
  test("the status line is the node's own (HTTP/1.0 503 Service Unavailable), credentials are not echoed", async () => {
    seen.length = 0;
    const outcome = await explore(cluster(), "node2", "root", new ExplorerLimiter());
    assert.ok(outcome.ok, JSON.stringify(outcome));
    const x = outcome.exchange;
    assert.equal(x.statusLine, "HTTP/1.0 503 Service Unavailable");
    assert.equal(x.status, 503);
    assert.deepEqual(
      x.headers.map(([name]) => name),
      ["Server", "Date", "Content-Type"],
    );
    assert.match(x.prettyBody ?? "", /\n {2}"role": "replica"/);
    assert.equal(x.request, "GET / HTTP/1.1");
    assert.equal(x.curl, `curl -i -u 'USER:PASSWORD' '${node.url}/'`);
    assert.equal(seen.length, 1);
    assert.equal(seen[0]!.line, "GET / HTTP/1.1");
    assert.ok(seen[0]!.authorization?.startsWith("Basic "), "the node got the cluster's credentials");
    const json = JSON.stringify(x);
    assert.ok(!json.includes(SECRET), "no password in the answer");
    assert.ok(!json.includes(seen[0]!.authorization!.slice(6)), "no encoded credentials in the answer");
  });

  test("an unknown path id is refused with 400 and the node is never asked", async () => {
    seen.length = 0;
    for (const bad of ["/etc/passwd", "http://127.0.0.1:9/", "nope", null]) {
      const outcome = await explore(cluster(), "node2", bad, new ExplorerLimiter());
      assert.equal(outcome.ok, false);
      assert.equal(!outcome.ok && outcome.status, 400);
    }
    const unknownMember = await explore(cluster(), "node9", "root", new ExplorerLimiter());
    assert.equal(!unknownMember.ok && unknownMember.status, 404);
    const tooOld = await explore(cluster("2.0.2"), "node2", "metrics", new ExplorerLimiter());
    assert.equal(!tooOld.ok && tooOld.status, 400);
    assert.equal(seen.length, 0);
  });

  test("one request in flight per node, and a small budget per node", async () => {
    const limiter = new ExplorerLimiter(3, 60_000);
    const state = cluster();
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    try {
      const first = explore(state, "node2", "patroni", limiter, 1000);
      const second = await explore(state, "node2", "cluster", limiter, 1001);
      assert.equal(!second.ok && second.status, 429, "busy while the first is on the wire");
      release();
      assert.ok((await first).ok);
    } finally {
      release();
      hold = null;
    }
    assert.ok((await explore(state, "node2", "health", limiter, 2000)).ok);
    assert.ok((await explore(state, "node2", "health", limiter, 3000)).ok);
    const over = await explore(state, "node2", "health", limiter, 4000);
    assert.ok(!over.ok && over.status === 429 && over.retryAfterSeconds === 57, JSON.stringify(over));
    assert.ok((await explore(state, "node2", "health", limiter, 61_001)).ok, "the window moves on");
  });
});
