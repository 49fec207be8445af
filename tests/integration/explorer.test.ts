import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { explorerExchangeSchema } from "@/lib/domain/explorer";
import { GET as explore } from "@/app/api/clusters/[name]/nodes/[member]/explore/route";
import { getJson, lab, waitFor } from "../support/lab";
import { startDashboard } from "../support/in-process";

// The Lab 1 explorer against the REAL lab cluster: the route handler, the runtime's poll clients and
// real Patroni nodes. `GET /` on a replica is the course's example of a claim to check (it answers
// 503, like /primary), so the exchange must show the node's own status line.

const cluster = lab("plain");
let dashboard: Awaited<ReturnType<typeof startDashboard>>;
let urls: string[];

before(async () => {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  urls = cluster.urls();
  dashboard = await startDashboard({ PATRONI_NODES: urls.join(",") });
});

after(() => dashboard?.close());

async function call(member: string, path: string | null): Promise<Response> {
  const name = dashboard.clusters[0]!.name;
  const query = path === null ? "" : `?path=${encodeURIComponent(path)}`;
  return explore(new Request(`http://x/api/clusters/${name}/nodes/${member}/explore${query}`), {
    params: Promise.resolve({ name, member }),
  });
}

async function members(): Promise<{ name: string; role: string }[]> {
  const res = await getJson(`${urls[0]}/cluster`);
  return (res.body as { members: { name: string; role: string }[] }).members;
}

describe("Lab 1 explorer on a real Patroni cluster", { timeout: 180_000 }, () => {
  test("GET / on a replica: HTTP/1.0 503 as the node sent it, headers, pretty JSON, curl", async () => {
    const replica = await waitFor(
      "a replica the dashboard has named",
      async () => {
        const list = await members();
        const r = list.find((m) => m.role !== "leader");
        return r && dashboard.clusters[0]!.nodes.some((n) => n.memberName === r.name) ? r.name : null;
      },
      30_000,
    );
    const res = await call(replica.value, "root");
    assert.equal(res.status, 200);
    const x = explorerExchangeSchema.parse(await res.json());
    assert.equal(x.statusLine, "HTTP/1.0 503 Service Unavailable");
    assert.ok(x.headers.some(([name, value]) => name === "Content-Type" && value === "application/json"));
    assert.match(x.prettyBody ?? "", /\n {2}"role": "(replica|sync_standby)"/);
    assert.match(x.curl, /^curl -i 'http:\/\/127\.0\.0\.1:\d+\/'$/);

    const leader = (await members()).find((m) => m.role === "leader")!.name;
    const onLeader = explorerExchangeSchema.parse(await (await call(leader, "root")).json());
    assert.equal(onLeader.statusLine, "HTTP/1.0 200 OK");
    const lagged = explorerExchangeSchema.parse(await (await call(replica.value, "replica_lag")).json());
    assert.equal(lagged.request, "GET /replica?lag=1048576 HTTP/1.1");
    assert.equal(lagged.statusLine, "HTTP/1.0 200 OK");
  });

  test("an unknown path is refused with a JSON error and never sent", async () => {
    const leader = (await members()).find((m) => m.role === "leader")!.name;
    for (const bad of ["/patroni", "../../etc/passwd", "http://127.0.0.1:1/", "switchover", null]) {
      const res = await call(leader, bad);
      assert.equal(res.status, 400, String(bad));
      const body = (await res.json()) as { error: string };
      assert.match(body.error, /not one of the explorer's paths/);
    }
    const unknown = await call("no-such-node", "root");
    assert.equal(unknown.status, 404);
    assert.ok(typeof ((await unknown.json()) as { error: unknown }).error === "string");
  });
});
