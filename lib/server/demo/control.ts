import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { DEMO_SCENARIOS, isDemoScenario } from "./constants";
import type { DemoFleet } from "./fleet";
import { assertLoopbackHost } from "./server";

// The simulator's control API (npm run demo:sim -- --control-port N). A scenario and a cluster are
// chosen by NAME from fixed lists; nothing a client sends is ever a URL, a port or a file.
//
//   GET  /                                 one cluster: its state; a fleet: every cluster's summary
//   GET  /clusters/<scope>                 one cluster's state
//   POST /clusters/<scope>/scenario/<name> start a scenario on that cluster
//   POST /scenario/<name>                  the same, when the simulator runs a single cluster

export interface ControlAnswer {
  status: number;
  body: unknown;
  allow?: string;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed %-escape is just an unknown name
  }
}

async function trigger(fleet: DemoFleet, scope: string, name: string): Promise<ControlAnswer> {
  if (!fleet.get(scope)) {
    return { status: 404, body: { ok: false, error: `no cluster named "${scope}"` } };
  }
  if (!isDemoScenario(name)) {
    return {
      status: 404,
      body: { ok: false, error: `unknown scenario "${name}"`, scenarios: DEMO_SCENARIOS },
    };
  }
  const result = await fleet.trigger(scope, name);
  return { status: result.ok ? 200 : 409, body: { scope, ...result } };
}

function summary(fleet: DemoFleet) {
  return fleet.info().map((c) => ({
    scope: c.scope,
    scenario: c.scenario,
    settled: c.settled,
    phase: c.phase,
    leader: c.leader,
    down: c.nodes.filter((n) => !n.apiUp).map((n) => n.name),
    urls: c.urls,
  }));
}

/** Routes one control request. Pure apart from the scenario it may start: tests call it directly. */
export async function controlAnswer(fleet: DemoFleet, method: string, url: string): Promise<ControlAnswer> {
  const path = url.split("?")[0] ?? "/";
  const single = fleet.clusters.length === 1 ? fleet.clusters[0] : undefined;
  const scenarioOfOne = /^\/scenario\/([^/]+)\/?$/.exec(path);
  const scenarioOf = /^\/clusters\/([^/]+)\/scenario\/([^/]+)\/?$/.exec(path);
  const clusterOf = /^\/clusters\/([^/]+)\/?$/.exec(path);
  const onlyPost = (m: unknown) => (m && method !== "POST" ? "POST" : null);
  const onlyGet = (m: unknown) => (m && method !== "GET" ? "GET" : null);
  const allow =
    onlyPost(scenarioOfOne) ?? onlyPost(scenarioOf) ?? onlyGet(clusterOf) ?? onlyGet(path === "/");
  if (allow) return { status: 405, allow, body: { ok: false, error: `${method} not allowed here` } };

  if (path === "/") {
    if (single) {
      const info = single.cluster.info();
      return { status: 200, body: { ...info, urls: single.cluster.urls, scenarios: DEMO_SCENARIOS } };
    }
    return { status: 200, body: { clusters: summary(fleet), scenarios: DEMO_SCENARIOS } };
  }
  if (scenarioOf) return trigger(fleet, decode(scenarioOf[1]!), decode(scenarioOf[2]!));
  if (scenarioOfOne) {
    if (!single) {
      return {
        status: 404,
        body: { ok: false, error: "this simulator runs a fleet: POST /clusters/<scope>/scenario/<name>" },
      };
    }
    return trigger(fleet, single.scope, decode(scenarioOfOne[1]!));
  }
  if (clusterOf) {
    const scope = decode(clusterOf[1]!);
    const cluster = fleet.get(scope);
    if (!cluster) return { status: 404, body: { ok: false, error: `no cluster named "${scope}"` } };
    return { status: 200, body: { ...cluster.info(), urls: cluster.urls } };
  }
  return {
    status: 404,
    body: {
      ok: false,
      error: "try GET /, GET /clusters/<scope> or POST /clusters/<scope>/scenario/<name>",
      scenarios: DEMO_SCENARIOS,
    },
  };
}

function send(res: ServerResponse, answer: ControlAnswer): void {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    Connection: "close",
  };
  if (answer.allow) headers.Allow = answer.allow;
  res.writeHead(answer.status, headers);
  res.end(`${JSON.stringify(answer.body, null, 2)}\n`);
}

/** Serves the control API on a loopback address; resolves once it listens. */
export function startControlServer(
  fleet: DemoFleet,
  port: number,
  host = "127.0.0.1",
  log: (line: string) => void = () => {},
): Promise<Server> {
  assertLoopbackHost(host);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume(); // bodies are ignored; drain them so the socket can close
    const method = req.method ?? "GET";
    controlAnswer(fleet, method, req.url ?? "/").then(
      (answer) => {
        if (method === "POST") log(`[demo] ${req.url}: ${answer.status}`);
        send(res, answer);
      },
      (err: Error) => send(res, { status: 500, body: { ok: false, error: err.message } }),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** A single cluster seen as a fleet of one, so the CLI and the control API have one shape. */
export function fleetOfOne(scope: string, cluster: DemoFleet["clusters"][number]["cluster"]): DemoFleet {
  return {
    clusters: [{ scope, cluster }],
    get: (s) => (s === scope ? cluster : undefined),
    trigger: (s, name) =>
      s === scope ? cluster.trigger(name) : Promise.resolve({ ok: false, error: `no cluster named "${s}"` }),
    info: () => [{ ...cluster.info(), urls: cluster.urls }],
    stop: () => cluster.stop(),
  };
}
