import "server-only";
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { DEMO_DEFAULT_PORTS, DEMO_HOST, type DemoNodeName } from "./constants";
import { type DemoClusterInfo, DemoModel, type DemoModelOptions } from "./model";
import type { DemoResponse } from "./respond";
import type { TriggerResult } from "./scenarios";

// The HTTP face of the simulator: one node:http server per node, on loopback only. A node whose
// Patroni is down has no listener at all, so clients get "connection refused" like the real one,
// and the same port is listened on again when it comes back.
// NOTE: node:http always adds Date/Connection/Content-Length to its own responses, but Patroni's
// bare status lines (/liveness, /readiness, HEAD, OPTIONS) carry no header at all. So every answer
// is written raw on the socket as HTTP/1.0 and the socket is closed, like Python's http.server.

export interface DemoClusterOptions extends DemoModelOptions {
  /** Three ports (node1..node3). Default: 8008–8010 if all are free, else ephemeral ports. */
  ports?: readonly number[];
  /** A 127.0.0.0/8 address (default 127.0.0.1): the simulator never listens beyond loopback. */
  host?: string;
  /**
   * How often the model is advanced and listeners opened/closed to match (default 200 ms). 0: no
   * timer of its own; the owner calls sync() (a fleet drives all its clusters from one loop).
   */
  syncIntervalMs?: number;
  log?: (line: string) => void;
}

export interface DemoClusterNode {
  name: DemoNodeName;
  /** Base URL, e.g. http://127.0.0.1:8008 (append /patroni, /cluster, …). */
  url: string;
  port: number;
}

export interface DemoCluster {
  nodes: DemoClusterNode[];
  /** The node base URLs, in node order (what a dashboard or the lab's curl loop polls). */
  urls: string[];
  model: DemoModel;
  /** Starts a scenario by name; resolves once listeners match the new state. */
  trigger(name: string): Promise<TriggerResult>;
  /** Scenario state for a UI badge (see DemoClusterInfo). */
  info(): DemoClusterInfo;
  /** Advances the model to its clock and opens/closes listeners to match (tests with fake clocks). */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

const LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function assertLoopbackHost(host: string): void {
  const m = LOOPBACK.exec(host);
  if (!m || m.slice(1).some((octet) => Number(octet) > 255)) {
    throw new Error(`demo cluster host must be a 127.0.0.0/8 address, got "${host}"`);
  }
}

function rawResponse(res: DemoResponse): Buffer {
  const head = [
    `HTTP/1.0 ${res.status} ${res.statusText}`,
    ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return Buffer.from(`${head.join("\r\n")}\r\n\r\n${res.body}`, "utf8");
}

class NodeListener {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  listening = false;

  constructor(
    readonly name: DemoNodeName,
    readonly host: string,
    public port: number,
    model: DemoModel,
    onRefused: () => void,
  ) {
    this.server = createServer((req, res) => {
      const answer = model.respond(name, req.method ?? "GET", req.url ?? "/");
      // The node died between accept and now: drop the connection like a killed process would.
      if (!answer) {
        req.socket.destroy();
        onRefused();
        return;
      }
      if (answer.dropAfterMs !== undefined) {
        // Patroni gives up on the DCS and closes the connection without a status line.
        const socket = req.socket;
        const timer = setTimeout(() => socket.destroy(), answer.dropAfterMs);
        timer.unref();
        socket.once("close", () => clearTimeout(timer));
        return;
      }
      res.socket?.end(rawResponse(answer));
    });
    this.server.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
      socket.on("error", () => socket.destroy());
    });
  }

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.server.once("error", onError);
      this.server.listen({ host: this.host, port: this.port, exclusive: true }, () => {
        this.server.off("error", onError);
        const address = this.server.address();
        if (address && typeof address === "object") this.port = address.port;
        this.listening = true;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

async function openAll(listeners: NodeListener[]): Promise<boolean> {
  try {
    for (const l of listeners) await l.open();
    return true;
  } catch {
    await Promise.all(listeners.map((l) => l.close()));
    return false;
  }
}

export async function startDemoCluster(options: DemoClusterOptions = {}): Promise<DemoCluster> {
  const host = options.host ?? DEMO_HOST;
  assertLoopbackHost(host);
  const log = options.log ?? (() => {});
  if (
    options.ports &&
    (options.ports.length !== 3 || options.ports.some((p) => !Number.isInteger(p) || p < 0 || p > 65535))
  ) {
    throw new Error(`demo cluster needs exactly 3 ports (0–65535), got ${JSON.stringify(options.ports)}`);
  }
  const model = new DemoModel(options);
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  const sync = (): Promise<void> => (pending = pending.then(applyState, applyState));
  const make = (ports: readonly number[]) =>
    model.nodeNames.map((name, i) => new NodeListener(name, host, ports[i] ?? 0, model, () => void sync()));

  let listeners = make(options.ports ?? DEMO_DEFAULT_PORTS);
  if (!(await openAll(listeners))) {
    if (options.ports) throw new Error(`demo cluster: cannot listen on ${host}:${options.ports.join(",")}`);
    listeners = make([0, 0, 0]);
    if (!(await openAll(listeners))) throw new Error(`demo cluster: cannot listen on ${host}`);
  }
  for (const l of listeners) model.setApiUrl(l.name, `http://${host}:${l.port}/patroni`);

  async function applyState(): Promise<void> {
    model.advance();
    for (const l of listeners) {
      const up = model.isApiUp(l.name);
      if (!up && l.listening) {
        await l.close();
        log(`[demo] ${l.name} down: ${host}:${l.port} refuses connections`);
      } else if (up && !l.listening && !stopped) {
        // Same port again; if another process took it meanwhile, retry on the next sync.
        await l.open().then(
          () => log(`[demo] ${l.name} up again on ${host}:${l.port}`),
          (err: Error) => log(`[demo] ${l.name}: cannot listen on ${host}:${l.port} again (${err.message})`),
        );
      }
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const interval = options.syncIntervalMs ?? 200;
  // A self-rescheduling timeout (never setInterval): one sync at a time, however slow. It stays
  // referenced: with every node down (node-down, then leaderless) no listener keeps the process up.
  const loop = () => {
    timer = setTimeout(() => {
      void sync().finally(() => {
        if (!stopped) loop();
      });
    }, interval);
  };
  if (interval > 0) loop();

  const nodes = listeners.map((l) => ({ name: l.name, url: `http://${host}:${l.port}`, port: l.port }));
  return {
    nodes,
    urls: nodes.map((n) => n.url),
    model,
    async trigger(name) {
      const result = model.trigger(name);
      await sync();
      return result;
    },
    info: () => model.info(),
    sync,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await pending.catch(() => {});
      await Promise.all(listeners.map((l) => l.close()));
    },
  };
}
