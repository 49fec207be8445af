import { after } from "node:test";
import { getBuiltInDemo } from "@/lib/server/demo/built-in";
import { getRuntime, installRuntime } from "@/lib/server/runtime";
import { closedPort } from "./servers";

// Route tests against the real built-in demo cluster: nothing configured, so the runtime starts the
// simulator, here on three free ports. Call inside the file's describe(); the simulator, the poller
// and the environment are put back after it.

export function builtInDemoRuntime(): { start(): Promise<number[]> } {
  const saved = { ...process.env };
  after(async () => {
    (await getRuntime()).poller.stop();
    await (await getBuiltInDemo())?.stop();
    installRuntime(null);
    process.env = saved;
  });
  return {
    /** Points the next runtime at the demo on free ports; returns the ports. */
    async start() {
      const ports = [await closedPort(), await closedPort(), await closedPort()];
      delete process.env.DASHBOARD_CONFIG;
      delete process.env.PATRONI_NODES;
      process.env.DEMO_PORTS = ports.join(",");
      installRuntime(null);
      return ports;
    },
  };
}
