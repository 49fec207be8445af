import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { NodeClient } from "@/app/clusters/[name]/nodes/[member]/node-client";
import { nodeDetailSchema, type NodeDetail } from "@/lib/domain/contracts";
import { buildNodeDetail } from "@/lib/server/store/node-view";
import { PathParamsContext } from "next/dist/shared/lib/hooks-client-context.shared-runtime";
import { MemberTable } from "@/components/cluster/member-table/member-table";
import { byTestId, one, render } from "../../support/render";
import { pipeline, type Version } from "../../support/capture-pipeline";
import { makeDetail, T0 } from "../../support/detail";

// The node page: a member's own /patroni from the real captures (through the real poller and store),
// explained field by field, first paint as the server renders it.

async function nodeOf(version: Version, scenario: string, member: string): Promise<NodeDetail> {
  const p = pipeline(version, scenario);
  const d = await p.run(scenario);
  return nodeDetailSchema.parse(buildNodeDetail(p.cluster, d, member));
}

function page(node: NodeDetail, locale: "en" | "vi" = "en") {
  return render(
    <NodeClient cluster="lab" member={node.member} initial={node} pollIntervalMs={5000} kiosk={false} />,
    locale,
  );
}

const field = (html: string, name: string) =>
  byTestId(html, "node-field").find((f) => f.attrs["data-field"] === name);

describe("node page from a 4.1.4 capture", () => {
  test("the leader: role primary, WAL position as X/Y and bytes, version 15.18, its replicas", async () => {
    const html = page(await nodeOf("patroni-4", "a-healthy", "node1"));
    assert.deepEqual(
      [one(html, "node-page").attrs["data-member"], one(html, "node-page").attrs["data-cluster"]],
      ["node1", "lab"],
    );
    assert.match(field(html, "role")!.text, /^Role primary What the node says it is/);
    assert.match(
      field(html, "serverVersion")!.text,
      /^PostgreSQL version 15\.18 server_version_num \(150018\) read as a version\.$/,
    );
    assert.match(field(html, "walLocation")!.text, /^Current WAL position 0\/4000050 67,108,944 bytes /);
    assert.match(field(html, "patroniVersion")!.text, /4\.1\.4/);
    assert.match(field(html, "systemIdentifier")!.text, /7712191844958138277/);
    assert.match(field(html, "postmasterStart")!.text, /^PostgreSQL started … /, "times only after mount");
    assert.match(field(html, "uptime")!.text, /^Uptime … /);
    assert.equal(field(html, "walReplayed"), undefined, "a primary has no replay position");
    assert.equal(field(html, "replayPaused"), undefined);
    const rows = byTestId(html, "node-replication-row").map((r) => r.text);
    assert.deepEqual(rows, ["node2 127.0.0.1 streaming sync 1", "node3 127.0.0.1 streaming async 0"]);
    assert.equal(byTestId(html, "node-upstream-row").length, 0);
  });

  test("a replica: received and replayed positions, the leader's row about it, the raw JSON one click away", async () => {
    const html = page(await nodeOf("patroni-4", "a-healthy", "node2"));
    assert.match(field(html, "role")!.text, /^Role replica/);
    assert.match(field(html, "dcsRole")!.text, /Sync Standby/);
    assert.match(field(html, "state")!.text, /^State (streaming|running) /);
    assert.match(field(html, "walReceived")!.text, /^Received WAL position 0\/[0-9A-F]+ [\d,]+ bytes /);
    assert.match(field(html, "walReplayed")!.text, /^Replayed WAL position 0\/[0-9A-F]+ [\d,]+ bytes /);
    assert.match(field(html, "replayPaused")!.text, /^Replay paused no /);
    assert.equal(one(html, "node-upstream-row").text, "node2 127.0.0.1 streaming sync 1");
    const raw = one(html, "node-raw-json");
    assert.equal(raw.tag, "details");
    assert.doesNotMatch(html, /data-testid="node-raw-json"[^>]*open/, "closed until clicked");
    assert.match(raw.text, /"server_version": 150018/);
  });

  test("3.0.2: replication_state is not reported by that version; master reads primary", async () => {
    const replica = page(await nodeOf("patroni-3.0.2", "a-healthy", "node2"));
    assert.match(field(replica, "replicationState")!.text, /not reported by this version/);
    const leader = page(await nodeOf("patroni-3.0.2", "a-healthy", "node1"));
    assert.match(field(leader, "role")!.text, /^Role primary/);
  });

  test("f1 replay paused (4.x): the replica says so", async () => {
    const p = pipeline("patroni-4", "f1-replay-paused");
    const d = await p.run("f1-replay-paused");
    const paused = d.members.find((m) => m.replayPaused)!;
    const html = page(nodeDetailSchema.parse(buildNodeDetail(p.cluster, d, paused.name)));
    assert.match(field(html, "replayPaused")!.text, /^Replay paused yes /);
  });

  test("an unreachable node keeps its last answer and says why", async () => {
    const node = await nodeOf("patroni-4", "a-healthy", "node3");
    const html = page({
      ...node,
      reachable: false,
      lastError: { kind: "refused", message: "x", status: null, since: T0 },
    });
    assert.match(html, /The node&#x27;s REST API does not answer \(Connection refused\)/);
    assert.ok(field(html, "role"));
  });

  test("Vietnamese: every field label and explanation translated", async () => {
    const html = page(await nodeOf("patroni-4", "a-healthy", "node1"), "vi");
    assert.match(
      field(html, "serverVersion")!.text,
      /^Phiên bản PostgreSQL 15\.18 server_version_num \(150018\) đọc thành số phiên bản\.$/,
    );
    assert.match(field(html, "walLocation")!.text, /67\.108\.944 byte/);
    assert.match(one(html, "node-raw-json").text, /JSON gốc/);
  });
});

describe("member table links to the node page", () => {
  test("inside a cluster route each member name links to its node page; outside one it is plain text", () => {
    const table = <MemberTable detail={makeDetail()} receivedAt={0} now={null} />;
    const html = render(
      <PathParamsContext.Provider value={{ name: "my lab" }}>{table}</PathParamsContext.Provider>,
    );
    const links = byTestId(html, "node-link");
    assert.deepEqual(
      links.map((l) => [l.attrs.href, l.text]),
      [
        ["/clusters/my%20lab/nodes/node1", "node1"],
        ["/clusters/my%20lab/nodes/node2", "node2"],
        ["/clusters/my%20lab/nodes/node3", "node3"],
      ],
    );
    assert.equal(links[0]!.attrs.title, "Open the /patroni details of node1");
    const plain = render(table);
    assert.equal(byTestId(plain, "node-link").length, 0);
    assert.equal(byTestId(plain, "member-row").length, 3);
  });
});
