import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";

// Small real servers on 127.0.0.1 (ephemeral ports) for client and poller tests.

export interface TestServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: net.Server): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const protocol = "setSecureContext" in server ? "https" : "http";
  return {
    url: `${protocol}://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP server answering from a handler; `hits` counts requests per path. */
export async function httpServer(
  handler: http.RequestListener,
): Promise<TestServer & { hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    hits.set(req.url ?? "", (hits.get(req.url ?? "") ?? 0) + 1);
    handler(req, res);
  });
  return { ...(await listen(server)), hits };
}

/** Accepts connections and never answers: a hung Patroni. */
export function blackHole(): Promise<TestServer> {
  return listen(net.createServer(() => undefined));
}

/** A port on 127.0.0.1 with nothing listening (connections are refused). */
export async function closedPort(): Promise<number> {
  const server = await listen(net.createServer());
  await server.close();
  return server.port;
}
