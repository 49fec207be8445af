import "server-only";
import { DEMO_VERSIONS, isDemoVersion } from "./constants";
import { type DemoCluster, type DemoClusterOptions, startDemoCluster } from "./server";

// The simulator the dashboard starts when nothing is configured (lib/server/runtime.ts). One per
// process: Next.js may evaluate this module several times (route bundles, dev reloads), so the
// running cluster lives on globalThis, and a second call returns the first one.

const KEY = Symbol.for("patroni-dashboard.demo-cluster");
type Holder = { [KEY]?: Promise<DemoCluster> };

/**
 * Options from the environment: DEMO_PORTS=28208,28209,28210 pins the three REST ports (default:
 * 8008–8010 when free, else free ports); DEMO_PATRONI_VERSION=3.0.2 speaks as Patroni 3.0.2.
 */
export function demoOptionsFromEnv(env: Record<string, string | undefined>): DemoClusterOptions {
  const options: DemoClusterOptions = {};
  if (env.DEMO_PORTS) {
    const ports = env.DEMO_PORTS.split(",").map((p) => Number(p.trim()));
    if (ports.length !== 3 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
      throw new Error(`DEMO_PORTS must be three port numbers, e.g. 8008,8009,8010 (got "${env.DEMO_PORTS}")`);
    }
    options.ports = ports;
  }
  if (env.DEMO_PATRONI_VERSION) {
    if (!isDemoVersion(env.DEMO_PATRONI_VERSION)) {
      throw new Error(
        `DEMO_PATRONI_VERSION must be one of ${DEMO_VERSIONS.join(", ")} (got "${env.DEMO_PATRONI_VERSION}")`,
      );
    }
    options.version = env.DEMO_PATRONI_VERSION;
  }
  return options;
}

export function startBuiltInDemo(
  options: DemoClusterOptions = demoOptionsFromEnv(process.env),
): Promise<DemoCluster> {
  const holder = globalThis as Holder;
  holder[KEY] ??= startDemoCluster({ log: (line) => console.log(line), ...options }).then(
    (cluster) => {
      console.log(`[demo] Patroni ${cluster.model.version} simulator: ${cluster.urls.join(" ")}`);
      const stop = cluster.stop;
      // Stopping frees the slot, so a later start (tests, reloads) gets a fresh cluster.
      return {
        ...cluster,
        async stop() {
          delete holder[KEY];
          await stop();
        },
      };
    },
    (err: unknown) => {
      delete holder[KEY];
      throw err;
    },
  );
  return holder[KEY];
}

/** The running built-in cluster, for a control API or a UI badge; undefined when none runs. */
export function getBuiltInDemo(): Promise<DemoCluster> | undefined {
  return (globalThis as Holder)[KEY];
}
