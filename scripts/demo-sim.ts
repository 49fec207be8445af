// Runs only the demo cluster simulator: three fake Patroni REST APIs on loopback, for the course's
// curl loop, HAProxy health checks, or a dashboard pointed at them with PATRONI_NODES.
//
//   node --import ./scripts/register.mjs scripts/demo-sim.ts [options]
//
//   --ports 8008,8009,8010   three ports (SIM_PORTS); default 8008–8010 if free, else ephemeral
//   --version 4.1.4|3.0.2    Patroni version to speak (SIM_VERSION; default 4.1.4)
//   --seed N                 deterministic seed (SIM_SEED; default 1)
//   --control-port N         also serve a control API on 127.0.0.1:N (SIM_CONTROL_PORT):
//                              POST /scenario/<name>  start a scenario (a NAME, never a URL)
//                              GET  /                 scenario state as JSON
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  DEMO_SCENARIOS,
  type DemoCluster,
  type DemoVersion,
  isDemoScenario,
  isDemoVersion,
  startDemoCluster,
} from "@/lib/server/demo";

const CONTROL_HOST = "127.0.0.1";

interface CliOptions {
  ports?: number[];
  version: DemoVersion;
  seed: string | number;
  controlPort?: number;
}

function fail(message: string): never {
  console.error(`demo-sim: ${message}\n(run with --help for usage)`);
  process.exit(2);
}

function readFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") flags.set("help", "");
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith("--")) fail(`${arg} needs a value`);
        flags.set(arg.slice(2), value);
        i++;
      }
    } else fail(`unexpected argument "${arg}"`);
  }
  for (const name of flags.keys()) {
    if (!["help", "ports", "version", "seed", "control-port"].includes(name))
      fail(`unknown option --${name}`);
  }
  return flags;
}

function port(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 65535)
    fail(`${what}: "${text}" is not a port (1–65535)`);
  return value;
}

function parseOptions(): CliOptions | null {
  const flags = readFlags(process.argv.slice(2));
  if (flags.has("help")) return null;
  const env = process.env;
  const portsText = flags.get("ports") ?? env.SIM_PORTS;
  const ports = portsText?.split(",").map((p) => port(p, "--ports"));
  if (ports && ports.length !== 3) fail(`--ports needs three ports (node1,node2,node3), got "${portsText}"`);
  const version = flags.get("version") ?? env.SIM_VERSION ?? "4.1.4";
  if (!isDemoVersion(version)) fail(`--version must be 4.1.4 or 3.0.2, got "${version}"`);
  const seedText = flags.get("seed") ?? env.SIM_SEED ?? "1";
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const controlText = flags.get("control-port") ?? env.SIM_CONTROL_PORT;
  const controlPort =
    controlText === undefined || controlText === "" ? undefined : port(controlText, "--control-port");
  return { ports, version, seed, controlPort };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = `${JSON.stringify(value, null, 2)}\n`;
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Cache-Control": "no-store",
    Connection: "close",
  });
  res.end(body);
}

/** The control API: a scenario is chosen by name from DEMO_SCENARIOS; nothing else is accepted. */
function startControl(cluster: DemoCluster, controlPort: number): Promise<ReturnType<typeof createServer>> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume(); // bodies are ignored; drain them so the socket can close
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const match = /^\/scenario\/([^/]+)\/?$/.exec(path);
    if (req.method === "GET" && path === "/") {
      sendJson(res, 200, { ...cluster.info(), urls: cluster.urls, scenarios: DEMO_SCENARIOS });
    } else if (match && req.method === "POST") {
      let name = match[1]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // a malformed %-escape is just an unknown name
      }
      if (!isDemoScenario(name)) {
        sendJson(res, 404, { ok: false, error: `unknown scenario "${name}"`, scenarios: DEMO_SCENARIOS });
        return;
      }
      void cluster.trigger(name).then((result) => {
        console.log(`[demo] ${name}: ${result.ok ? result.message : `refused: ${result.error}`}`);
        sendJson(res, result.ok ? 200 : 409, result);
      });
    } else if (match || path === "/") {
      res.setHeader("Allow", match ? "POST" : "GET");
      sendJson(res, 405, { ok: false, error: `${req.method} not allowed here` });
    } else {
      sendJson(res, 404, {
        ok: false,
        error: "try GET / or POST /scenario/<name>",
        scenarios: DEMO_SCENARIOS,
      });
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: CONTROL_HOST, port: controlPort, exclusive: true }, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!options) {
    console.log(
      "usage: node --import ./scripts/register.mjs scripts/demo-sim.ts " +
        "[--ports 8008,8009,8010] [--version 4.1.4|3.0.2] [--seed N] [--control-port N]\n" +
        `scenarios: ${DEMO_SCENARIOS.join(", ")}`,
    );
    return;
  }
  const cluster = await startDemoCluster({
    ports: options.ports,
    version: options.version,
    seed: options.seed,
    log: (line) => console.log(line),
  }).catch((err: Error) => fail(err.message));
  const control =
    options.controlPort === undefined
      ? null
      : await startControl(cluster, options.controlPort).catch(async (err: Error) => {
          await cluster.stop();
          return fail(`control port ${options.controlPort}: ${err.message}`);
        });

  console.log(
    `Patroni ${options.version} demo cluster "demo" (seed ${String(options.seed)}), loopback only:`,
  );
  for (const node of cluster.nodes) console.log(`  ${node.name}  ${node.url}`);
  if (control) {
    console.log(`control API: http://${CONTROL_HOST}:${options.controlPort}  (GET /, POST /scenario/<name>)`);
  }
  console.log(`scenarios: ${DEMO_SCENARIOS.join(", ")}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the demo cluster`);
    control?.closeAllConnections();
    await Promise.all([
      cluster.stop(),
      new Promise((resolve) => (control ? control.close(resolve) : resolve(null))),
    ]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
