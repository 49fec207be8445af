// Runs only the simulator: fake Patroni REST APIs on loopback, for the course's curl loop, HAProxy
// health checks, or a dashboard pointed at them (PATRONI_NODES, or the file --config-out writes).
//
//   node --import ./scripts/register.mjs scripts/demo-sim.ts [options]   (npm run demo:sim -- …)
//
// One cluster (scope "demo"):
//   --ports 8008,8009,8010   three ports (SIM_PORTS); default 8008–8010 if free, else ephemeral
// A fleet of N 3-node clusters (scopes demo-001…), on consecutive ports from the base port:
//   --clusters N             1–1000 (SIM_CLUSTERS)
//   --base-port P            node1 of demo-001 (SIM_BASE_PORT; default 8008): ports P … P+3N−1
//   --scenario S=NAME,…      start scenarios right away, e.g. demo-007=node-down,demo-042=maintenance
//   --config-out FILE        write a patroni-dashboard.yml listing every cluster, then keep serving
//   --poll-interval SECONDS  poll_interval written into that file (default: the dashboard's)
// Both:
//   --version 4.1.4|3.0.2    Patroni version to speak (SIM_VERSION; default 4.1.4)
//   --seed N                 deterministic seed (SIM_SEED; default 1)
//   --control-port N         also serve a control API on 127.0.0.1:N (SIM_CONTROL_PORT):
//                              GET  /                                  state (a fleet: every cluster)
//                              POST /clusters/<scope>/scenario/<name>  start a scenario on one cluster
//                              POST /scenario/<name>                   the same, single cluster only
import { writeFileSync } from "node:fs";
import {
  DEMO_SCENARIOS,
  type DemoFleet,
  type DemoVersion,
  fleetConfigYaml,
  fleetOfOne,
  isDemoVersion,
  startControlServer,
  startDemoCluster,
  startDemoFleet,
} from "@/lib/server/demo";

const CONTROL_HOST = "127.0.0.1";
const FLAGS = [
  "help",
  "ports",
  "version",
  "seed",
  "control-port",
  "clusters",
  "base-port",
  "scenario",
  "config-out",
  "poll-interval",
];

interface CliOptions {
  ports?: number[];
  clusters?: number;
  basePort: number;
  scenarios: Record<string, string>;
  configOut?: string;
  pollInterval?: number;
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
  for (const name of flags.keys()) if (!FLAGS.includes(name)) fail(`unknown option --${name}`);
  return flags;
}

function port(text: string, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < 1 || value > 65535)
    fail(`${what}: "${text}" is not a port (1–65535)`);
  return value;
}

function parseScenarios(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (text ?? "").split(",").filter((p) => p.trim() !== "")) {
    const [scope, name, ...rest] = pair.split("=").map((s) => s.trim());
    if (!scope || !name || rest.length > 0) fail(`--scenario wants scope=name pairs, got "${pair}"`);
    out[scope] = name;
  }
  return out;
}

function parseOptions(): CliOptions | null {
  const flags = readFlags(process.argv.slice(2));
  if (flags.has("help")) return null;
  const env = process.env;
  const portsText = flags.get("ports") ?? env.SIM_PORTS;
  const ports = portsText?.split(",").map((p) => port(p, "--ports"));
  if (ports && ports.length !== 3) fail(`--ports needs three ports (node1,node2,node3), got "${portsText}"`);
  const clustersText = flags.get("clusters") ?? env.SIM_CLUSTERS;
  const clusters = clustersText === undefined || clustersText === "" ? undefined : Number(clustersText);
  if (clusters !== undefined && !(Number.isInteger(clusters) && clusters >= 1))
    fail(`--clusters must be a whole number ≥ 1, got "${clustersText}"`);
  if (clusters !== undefined && ports) fail("--ports is for one cluster; a fleet uses --base-port");
  const fleetOnly = ["scenario", "config-out", "poll-interval", "base-port"].filter((f) => flags.has(f));
  if (clusters === undefined && fleetOnly.length > 0) fail(`--${fleetOnly[0]} needs --clusters N`);
  const basePort = port(flags.get("base-port") ?? env.SIM_BASE_PORT ?? "8008", "--base-port");
  const pollText = flags.get("poll-interval");
  const pollInterval = pollText === undefined ? undefined : Number(pollText);
  if (pollInterval !== undefined && !(pollInterval > 0)) fail(`--poll-interval must be > 0 seconds`);
  const version = flags.get("version") ?? env.SIM_VERSION ?? "4.1.4";
  if (!isDemoVersion(version)) fail(`--version must be 4.1.4 or 3.0.2, got "${version}"`);
  const seedText = flags.get("seed") ?? env.SIM_SEED ?? "1";
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const controlText = flags.get("control-port") ?? env.SIM_CONTROL_PORT;
  const controlPort =
    controlText === undefined || controlText === "" ? undefined : port(controlText, "--control-port");
  return {
    ports,
    clusters,
    basePort,
    scenarios: parseScenarios(flags.get("scenario")),
    configOut: flags.get("config-out"),
    pollInterval,
    version,
    seed,
    controlPort,
  };
}

async function startSimulator(options: CliOptions): Promise<DemoFleet> {
  const log = (line: string) => console.log(line);
  if (options.clusters === undefined) {
    const cluster = await startDemoCluster({
      ports: options.ports,
      version: options.version,
      seed: options.seed,
      log,
    });
    console.log(
      `Patroni ${options.version} demo cluster "demo" (seed ${String(options.seed)}), loopback only:`,
    );
    for (const node of cluster.nodes) console.log(`  ${node.name}  ${node.url}`);
    return fleetOfOne("demo", cluster);
  }
  const fleet = await startDemoFleet({
    clusters: options.clusters,
    basePort: options.basePort,
    version: options.version,
    seed: options.seed,
    scenarios: options.scenarios,
    log,
  });
  const last = options.basePort + options.clusters * 3 - 1;
  console.log(
    `Patroni ${options.version} demo fleet: ${options.clusters} clusters ` +
      `(${fleet.clusters[0]!.scope}…${fleet.clusters.at(-1)!.scope}, seed ${String(options.seed)}) ` +
      `on 127.0.0.1:${options.basePort}–${last}, loopback only`,
  );
  if (options.configOut) {
    const yaml = fleetConfigYaml(
      fleet.clusters.map((c) => ({ scope: c.scope, urls: c.cluster.urls })),
      options.pollInterval === undefined ? {} : { poll_interval: options.pollInterval },
    );
    writeFileSync(options.configOut, yaml);
    console.log(`dashboard config: ${options.configOut} (DASHBOARD_CONFIG=${options.configOut})`);
  }
  return fleet;
}

async function main(): Promise<void> {
  const options = parseOptions();
  if (!options) {
    console.log(
      "usage: npm run demo:sim -- [--ports 8008,8009,8010] [--version 4.1.4|3.0.2] [--seed N] [--control-port N]\n" +
        "       npm run demo:sim -- --clusters N [--base-port P] [--scenario demo-007=node-down,…]\n" +
        "                           [--config-out FILE] [--poll-interval S] [--version …] [--seed N] [--control-port N]\n" +
        `scenarios: ${DEMO_SCENARIOS.join(", ")}`,
    );
    return;
  }
  const fleet = await startSimulator(options).catch((err: Error) => fail(err.message));
  const control =
    options.controlPort === undefined
      ? null
      : await startControlServer(fleet, options.controlPort, CONTROL_HOST, (l) => console.log(l)).catch(
          async (err: Error) => {
            await fleet.stop();
            return fail(`control port ${options.controlPort}: ${err.message}`);
          },
        );
  if (control) {
    const trigger =
      fleet.clusters.length === 1 ? "POST /scenario/<name>" : "POST /clusters/<scope>/scenario/<name>";
    console.log(`control API: http://${CONTROL_HOST}:${options.controlPort}  (GET /, ${trigger})`);
  }
  console.log(`scenarios: ${DEMO_SCENARIOS.join(", ")}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the simulator`);
    control?.closeAllConnections();
    await Promise.all([
      fleet.stop(),
      new Promise((resolve) => (control ? control.close(resolve) : resolve(null))),
    ]);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

await main();
