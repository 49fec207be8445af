import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES } from "./fixtures";
import { httpServer, type TestServer } from "./servers";

// A one-node "cluster" on 127.0.0.1 answering with a real Patroni 4 capture (a-healthy, node1) in
// which the member and scope names are replaced: for names no real lab would use (spaces, "/", "%",
// non-ASCII letters).

export async function renamedNode(member: string, scope: string): Promise<TestServer> {
  let self = "";
  const server = await httpServer((req, res) => {
    const path = (req.url ?? "/").slice(1).split("?")[0] || "patroni";
    let text: string;
    try {
      const file = join(FIXTURES, "patroni-4", "a-healthy", "node1", `${path}.json`);
      text = JSON.stringify((JSON.parse(readFileSync(file, "utf8")) as { body: unknown }).body);
    } catch {
      res.writeHead(404).end();
      return;
    }
    text = text
      .replaceAll('"node1"', JSON.stringify(member))
      .replaceAll('"demo"', JSON.stringify(scope))
      .replaceAll("http://127.0.0.1:8108", self);
    res.writeHead(200, { "Content-Type": "application/json" }).end(text);
  });
  self = server.url;
  return server;
}
