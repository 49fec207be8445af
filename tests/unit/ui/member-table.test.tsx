import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { MemberTable } from "@/components/cluster/member-table/member-table";
import { byTestId, render, textOf, type Found } from "../../support/render";
import { detailFromFixtures, makeDetail, makeMember, T0 } from "../../support/detail";

// The member table, server-rendered from details the real store built out of the real captures.

function rows(html: string): Map<string, Found & { cells: string[] }> {
  return new Map(
    byTestId(html, "member-row").map((row) => {
      const cells = [...row.html.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]!));
      return [row.attrs["data-member"]!, { ...row, cells }];
    }),
  );
}

const COL = {
  member: 0,
  host: 1,
  role: 2,
  state: 3,
  tl: 4,
  receiveLsn: 5,
  receiveLag: 6,
  replayLsn: 7,
  replayLag: 8,
  pending: 9,
  scheduled: 10,
  tags: 11,
  api: 12,
  error: 13,
};

describe("member table from the captures", () => {
  for (const version of ["patroni-3.0.2", "patroni-4"] as const) {
    test(`${version} a-healthy: leader first, roles, states, LSNs as X/Y, no lag for the leader`, () => {
      const detail = detailFromFixtures(version, ["a-healthy"]);
      const html = render(<MemberTable detail={detail} receivedAt={T0} now={null} />);
      const table = rows(html);
      assert.deepEqual([...table.keys()], ["node1", "node2", "node3"]);
      const leader = table.get("node1")!;
      assert.deepEqual(
        [leader.attrs["data-role"], leader.attrs["data-reachable"], leader.attrs["data-in-dcs"]],
        ["leader", "true", "true"],
      );
      assert.equal(leader.cells[COL.role], "Leader");
      assert.equal(leader.cells[COL.state], "running");
      assert.match(leader.cells[COL.host]!, /^127\.0\.0\.1:5\d33$/);
      assert.match(leader.cells[COL.receiveLsn]!, /^[0-9A-F]+\/[0-9A-F]+$/);
      assert.equal(leader.cells[COL.receiveLag], "—");
      const sync = table.get("node2")!;
      assert.equal(sync.attrs["data-role"], "sync_standby");
      assert.equal(sync.cells[COL.role], "Sync Standby");
      assert.equal(sync.cells[COL.state], version === "patroni-4" ? "streaming" : "running");
      assert.equal(sync.cells[COL.receiveLag], "0 B");
      assert.equal(sync.cells[COL.tl], "1");
      assert.equal(table.get("node3")!.cells[COL.role], "Replica");
    });

    test(`${version} f2: the stalled replica's lag in human units, marked over the threshold`, () => {
      const detail = detailFromFixtures(version, ["f2-walreceiver-stalled"]);
      const node2 = rows(render(<MemberTable detail={detail} receivedAt={T0} now={null} />)).get("node2")!;
      const expected = version === "patroni-4" ? "9.2 MB" : "8.3 MB";
      assert.equal(node2.cells[COL.receiveLag], `▲ ${expected}`);
      assert.equal(node2.cells[COL.replayLag], `▲ ${expected}`);
      assert.match(node2.html, /title="[\d,]+ B — measured now/);
    });

    test(`${version} c2 after failover: the dead member stays, missing and unreachable, with its error`, () => {
      const detail = detailFromFixtures(version, ["a-healthy", "c2-after-failover"]);
      const dead = version === "patroni-4" ? "node2" : "node3";
      const row = rows(render(<MemberTable detail={detail} receivedAt={T0} now={null} />)).get(dead)!;
      assert.deepEqual([row.attrs["data-reachable"], row.attrs["data-in-dcs"]], ["false", "false"]);
      assert.match(row.cells[COL.member]!, /missing/);
      assert.equal(row.cells[COL.state], "missing");
      assert.match(row.cells[COL.error]!, /^Connection refused .*connection refused/);
    });
  }

  test("4.1.4 g: pending restart with its reason param: old → new", () => {
    const detail = detailFromFixtures("patroni-4", ["g-pending-restart"]);
    const table = rows(render(<MemberTable detail={detail} receivedAt={T0} now={null} />));
    for (const name of ["node1", "node2", "node3"])
      assert.equal(table.get(name)!.cells[COL.pending], "pending max_connections: 100 → 110");
    assert.deepEqual([...table.keys()], ["node3", "node1", "node2"], "leader first");
  });

  test("3.0.2 g: pending restart without a reason (3.0.2 does not give one)", () => {
    const detail = detailFromFixtures("patroni-3.0.2", ["g-pending-restart"]);
    const table = rows(render(<MemberTable detail={detail} receivedAt={T0} now={null} />));
    assert.equal(table.get("node1")!.cells[COL.pending], "pending");
  });

  test("in Vietnamese: headers, roles and states translated; values formatted for vi", () => {
    const detail = detailFromFixtures("patroni-4", ["f2-walreceiver-stalled"]);
    const html = render(<MemberTable detail={detail} receivedAt={T0} now={null} />, "vi");
    assert.match(html, /LSN đã nhận/);
    const node2 = rows(html).get("node2")!;
    assert.equal(node2.cells[COL.role], "Bản sao (replica)");
    assert.equal(node2.cells[COL.state], "đang nhận WAL (streaming)");
    assert.equal(node2.cells[COL.receiveLag], "▲ 9,2 MB");
  });
});

describe("member table details", () => {
  test("freshness: nothing clock-based before mount; 'updated N s ago' and stale after", () => {
    const detail = makeDetail();
    const before = rows(render(<MemberTable detail={detail} receivedAt={T0} now={null} />));
    assert.equal(before.get("node2")!.cells[COL.api], "updated … 3 ms");
    const after = rows(render(<MemberTable detail={detail} receivedAt={T0} now={T0 + 2_000} />));
    assert.equal(after.get("node2")!.cells[COL.api], "updated 3 s ago 3 ms");
    const stale = render(<MemberTable detail={detail} receivedAt={T0} now={T0 + 60_000} />);
    assert.equal(byTestId(stale, "stale-badge").length, 3);
    assert.match(rows(stale).get("node2")!.cells[COL.api]!, /updated 1 min 1 s ago stale/);
  });

  test("tags, an unpolled member, and an unknown reachability", () => {
    const detail = makeDetail({
      members: [
        makeMember({ name: "node1", role: "leader", state: "running" }),
        makeMember({
          name: "node2",
          tags: { nofailover: true, replicatefrom: "node1" },
          reachable: null,
          observedAt: null,
        }),
      ],
    });
    const table = rows(render(<MemberTable detail={detail} receivedAt={T0} now={T0} />));
    assert.equal(table.get("node2")!.cells[COL.tags], "nofailover: true replicatefrom: node1");
    assert.equal(table.get("node2")!.cells[COL.api], "not polled");
    assert.equal(table.get("node2")!.attrs["data-reachable"], "unknown");
  });

  test("empty cluster: an empty state, not an empty table", () => {
    const html = render(
      <MemberTable detail={makeDetail({ members: [], leader: null })} receivedAt={T0} now={null} />,
    );
    assert.equal(byTestId(html, "member-row").length, 0);
    assert.match(html, /No members known yet/);
  });
});
