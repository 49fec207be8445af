import net from "node:net";
import type { Lab } from "./lab";
import { getJson } from "./lab";

// A TCP forwarder to whichever lab node is the primary right now, as HAProxy with a Patroni /primary
// check does in production: the dashboard's history database lives in the Patroni cluster it watches,
// so after a switchover or failover its next connection must reach the new leader. Each new connection
// asks every node's GET /primary (200 on the leader only) and connects to that node's PostgreSQL port.
// Listens on an ephemeral 127.0.0.1 port; close() ends every forwarded connection.

export interface PrimaryProxy {
  port: number;
  close(): Promise<void>;
}

async function primaryPgPort(lab: Lab, urls: readonly string[]): Promise<number | null> {
  const answers = await Promise.all(
    urls.map((url) =>
      getJson(`${url}/primary`).then(
        (r) => r.status,
        () => 0,
      ),
    ),
  );
  const index = answers.indexOf(200);
  return index < 0 ? null : Number(lab.env.LAB_PG_PORT) + index;
}

export async function startPrimaryProxy(lab: Lab): Promise<PrimaryProxy> {
  const urls = lab.urls();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    void primaryPgPort(lab, urls).then((port) => {
      // No primary (mid-failover): refuse, as HAProxy with no healthy backend does.
      if (port === null) return client.destroy();
      const upstream = net.connect({ host: "127.0.0.1", port });
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      upstream.on("connect", () => {
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
