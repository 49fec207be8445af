// The fleet simulator (lib/server/demo) in a process of its own that also counts every request its
// nodes receive, by path, and serves the counts as JSON on 127.0.0.1:<counts port>/.
//
//   node --import ./scripts/register.mjs bench/support/counting-fleet.ts <clusters> <base port> \
//        <counts port> <config out> <poll interval s>
import http from "node:http";
import { writeFileSync } from "node:fs";
import { fleetConfigYaml, startDemoFleet } from "@/lib/server/demo";

const [clusters, basePort, countsPort] = process.argv.slice(2, 5).map(Number) as [number, number, number];
const configOut = process.argv[5]!;
const pollIntervalS = Number(process.argv[6] ?? 5);

const counts: Record<string, number> = {};
let countsServer: http.Server | null = null;
// Counted where every node's server hands over a request, before the simulator answers it.
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
  if (event === "request" && this !== countsServer) {
    const path = ((args[0] as http.IncomingMessage).url ?? "/").split("?")[0]!;
    counts[path] = (counts[path] ?? 0) + 1;
  }
  return (emit as (this: http.Server, event: string, ...rest: unknown[]) => boolean).call(
    this,
    event,
    ...args,
  );
} as typeof emit;

const fleet = await startDemoFleet({ clusters, basePort });
writeFileSync(
  configOut,
  fleetConfigYaml(
    fleet.clusters.map((c) => ({ scope: c.scope, urls: c.cluster.urls })),
    { poll_interval: pollIntervalS },
  ),
);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(counts));
});
countsServer = server;
server.listen(countsPort, "127.0.0.1");
const stop = () => {
  server.close();
  void fleet.stop().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
