import { createDemoModel, type DemoModel, type DemoVersion } from "@/lib/server/demo";
import { type HttpResult, PatroniHttpClient } from "@/lib/server/patroni/client";
import { Poller } from "@/lib/server/poller/poller";
import { ClusterState } from "@/lib/server/store/cluster-state";
import { buildDetail } from "@/lib/server/store/view";
import { FakeClock, flush } from "./fake-clock";

// The demo simulator seen through the dashboard's real pipeline (client queue → poller → store →
// view → alerts), on one fake clock: what the room sees for each scenario, without sockets.

export const SIM_INTERVAL = 5_000;
const PORTS = [8008, 8009, 8010];

/** A real PatroniHttpClient whose transport is the simulator's request handler. */
function simClient(model: DemoModel, node: string, url: string): PatroniHttpClient {
  const client = new PatroniHttpClient({
    url,
    auth: null,
    tls: null,
    timeoutMs: 2500,
    maxBodyBytes: 1 << 20,
  });
  const send = (path: string): Promise<HttpResult> => {
    const answer = model.respond(node, "GET", path);
    if (!answer)
      return Promise.resolve({
        ok: false,
        error: { kind: "refused", status: null, message: `${url}${path}: connection refused` },
        elapsedMs: 1,
      });
    if (answer.dropAfterMs !== undefined)
      // It hangs up after retry_timeout, past the client's deadline: the client sees a timeout.
      return Promise.resolve({
        ok: false,
        error: { kind: "timeout", status: null, message: `${url}${path}: no complete answer` },
        elapsedMs: 2500,
      });
    return Promise.resolve({ ok: true, status: answer.status, text: answer.body, elapsedMs: 1 });
  };
  (client as unknown as { send: typeof send }).send = send;
  return client;
}

const started: Poller[] = [];

/** Stops every pipeline's poller: call from afterEach. */
export function stopSimPipelines(): void {
  for (const poller of started.splice(0)) poller.stop();
}

export function simPipeline(version: DemoVersion = "4.1.4", seed = 1) {
  const clock = new FakeClock(Date.parse("2026-12-01T08:00:00Z"));
  const model = createDemoModel({ seed, version, now: () => clock.now() });
  const clients = model.nodeNames.map((name, i) => simClient(model, name, `http://127.0.0.1:${PORTS[i]}`));
  const cluster = new ClusterState(null, 0, clients, 100, true);
  const poller = new Poller([cluster], {
    intervalMs: SIM_INTERVAL,
    slowIntervalMs: 30_000,
    clock,
    random: () => 0.5,
  });
  started.push(poller);
  const detail = () => buildDetail(cluster, clock.now(), SIM_INTERVAL, { probeIntervalMs: null });
  /** Lets `ms` pass, polling once per interval; returns what the dashboard shows after the last cycle. */
  const poll = async (ms = SIM_INTERVAL) => {
    for (let left = ms; left > 0; left -= SIM_INTERVAL) {
      await clock.advance(Math.min(SIM_INTERVAL, left));
      await poller.runCycle();
      await flush();
    }
    return detail();
  };
  const trigger = (name: string) => {
    const result = model.trigger(name);
    if (!result.ok) throw new Error(`${name}: ${result.error}`);
    return result;
  };
  return { clock, model, cluster, poller, detail, poll, trigger };
}
