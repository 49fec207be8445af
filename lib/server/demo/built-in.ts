import "server-only";
import { type DemoCluster, type DemoClusterOptions, startDemoCluster } from "./server";

// The simulator the dashboard starts when nothing is configured (lib/server/runtime.ts). One per
// process: Next.js may evaluate this module several times (route bundles, dev reloads), so the
// running cluster lives on globalThis, and a second call returns the first one.

const KEY = Symbol.for("patroni-dashboard.demo-cluster");
type Holder = { [KEY]?: Promise<DemoCluster> };

export function startBuiltInDemo(options: DemoClusterOptions = {}): Promise<DemoCluster> {
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
