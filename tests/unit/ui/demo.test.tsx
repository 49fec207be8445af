import { afterEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ClusterClient } from "@/app/clusters/[name]/cluster-client";
import { OverviewClient } from "@/app/overview-client";
import { curlLoop, DemoPanel, nodeAddress } from "@/components/demo/demo-panel";
import { scenarioDescription, scenarioLabel } from "@/components/demo/scenario-list";
import { viewModeFrom, viewQuery } from "@/components/layout/view-mode";
import { DEMO_SCENARIOS, type DemoState } from "@/lib/domain/demo";
import { createT } from "@/lib/i18n";
import { postDemoScenario } from "@/lib/query/demo";
import { FetchError } from "@/lib/query/fetch-json";
import { queryKeys } from "@/lib/query/keys";
import { byTestId, one, render, textOf } from "../../support/render";
import { makeDetail, POLL_MS, T0 } from "../../support/detail";

// The demo badge and control panel (only for the demo cluster), and presentation mode.

const STATE: DemoState = {
  version: "4.1.4",
  scenario: "healthy",
  triggeredAt: null,
  settled: true,
  leader: "node1",
  timeline: 1,
  nodes: [
    { name: "node1", url: "http://127.0.0.1:28218", apiUp: true },
    { name: "node2", url: "http://127.0.0.1:28219", apiUp: true },
    { name: "node3", url: "http://127.0.0.1:28220", apiUp: true },
  ],
};

const summary = (name: string, demo: boolean) => ({
  name,
  scope: name,
  demo,
  leader: "node1",
  timeline: 1,
  membersUp: 3,
  membersExpected: 3,
  worstLagBytes: 0,
  paused: false,
  observedAt: T0 - 1000,
  tone: "ok" as const,
  problems: [],
});

describe("demo badge and panel", () => {
  test("the demo cluster: a badge in the header, the panel, one button per scenario with its explanation", () => {
    const html = render(
      <ClusterClient name="demo" initial={makeDetail({ name: "demo", demo: true })} kiosk={false} />,
    );
    assert.equal(one(html, "demo-badge").text, "Demo cluster");
    const panel = one(html, "demo-panel");
    assert.match(panel.text, /Reading the simulated nodes…/, "the node list loads after the page");
    const buttons = byTestId(html, "demo-scenario");
    assert.deepEqual(
      buttons.map((b) => b.attrs["data-scenario"]),
      [...DEMO_SCENARIOS],
    );
    for (const button of buttons) {
      assert.equal(button.tag, "button");
      assert.equal(button.attrs.type, "button");
      const described = button.attrs["aria-describedby"]!;
      const description = scenarioDescription(
        createT("en"),
        button.attrs["data-scenario"] as (typeof DEMO_SCENARIOS)[number],
      );
      const at = html.indexOf(`id="${described}"`);
      assert.ok(
        at > 0 && textOf(`<p ${html.slice(at, html.indexOf("</p>", at))}`).startsWith(description),
        described,
      );
    }
    assert.match(
      one(html, "demo-panel").text,
      /Failover failover The leader crashes; after its lock expires \(~20 s\) the sync standby is promoted, timeline \+1\./,
    );
  });

  test("a configured (real) cluster: no badge, no panel, no scenario buttons", () => {
    const html = render(<ClusterClient name="lab" initial={makeDetail()} kiosk={false} />);
    for (const id of ["demo-badge", "demo-panel", "demo-scenario"])
      assert.equal(byTestId(html, id).length, 0, id);
  });

  test("overview: the demo tile carries the badge, the others do not", () => {
    const html = render(
      <OverviewClient
        initial={{
          clusters: [summary("demo", true), summary("prod", false)],
          pollIntervalMs: POLL_MS,
          generatedAt: T0,
        }}
        kiosk={false}
      />,
    );
    const tiles = byTestId(html, "cluster-tile");
    assert.deepEqual(
      tiles.map((tile) => byTestId(tile.html, "demo-badge").length),
      [1, 0],
    );
  });

  test("the panel lists the addresses the simulated nodes really use, and the curl loop over them", () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.demo(), STATE);
    const html = render(
      <QueryClientProvider client={client}>
        <DemoPanel clusterName="demo" />
      </QueryClientProvider>,
    );
    assert.deepEqual(
      byTestId(html, "demo-node").map((n) => n.text),
      ["node1 127.0.0.1:28218", "node2 127.0.0.1:28219", "node3 127.0.0.1:28220"],
    );
    assert.match(
      one(html, "demo-panel").text,
      /for port in 28218 28219 28220; do curl -s http:\/\/127\.0\.0\.1:\$port\/patroni; echo; done/,
    );
    assert.match(one(html, "demo-panel").text, /Last scenario: Back to healthy/);
  });

  test("nodeAddress and curlLoop", () => {
    assert.equal(nodeAddress("http://127.0.0.1:8008"), "127.0.0.1:8008");
    assert.equal(nodeAddress("not a url"), "not a url");
    const mixed = [STATE.nodes[0]!, { ...STATE.nodes[1]!, url: "http://10.0.0.2:8008" }];
    assert.equal(curlLoop(mixed), null, "different hosts: no single loop");
  });

  test("Vietnamese: every scenario's name and explanation translated", () => {
    const [en, vi] = [createT("en"), createT("vi")];
    for (const s of DEMO_SCENARIOS) {
      assert.notEqual(scenarioLabel(vi, s), scenarioLabel(en, s), s);
      assert.notEqual(scenarioDescription(vi, s), scenarioDescription(en, s), s);
    }
  });
});

describe("POST /api/demo from the browser", () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });
  const respond = (status: number, body: unknown) => {
    const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
    globalThis.fetch = (async (url: string, init?: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    return calls;
  };

  test("sends JSON with the scenario name; 200 is a start", async () => {
    const calls = respond(200, { ok: true, scenario: "failover", message: "node1 killed", state: STATE });
    const answer = await postDemoScenario("failover");
    assert.equal(answer.ok, true);
    assert.equal(calls[0]!.url, "/api/demo");
    assert.equal(calls[0]!.init?.method, "POST");
    assert.equal((calls[0]!.init?.headers as Record<string, string>)["content-type"], "application/json");
    assert.equal(calls[0]!.init?.body, '{"scenario":"failover"}');
  });

  test("409 is an answer (refused, with the reason), not an error", async () => {
    respond(409, {
      ok: false,
      scenario: "switchover",
      message: "another transition is still in progress",
      state: STATE,
    });
    const answer = await postDemoScenario("switchover");
    assert.deepEqual([answer.ok, answer.message], [false, "another transition is still in progress"]);
  });

  test("404 (a configured cluster) throws with the server's message", async () => {
    respond(404, { error: "no demo cluster is running (a cluster is configured)" });
    await assert.rejects(
      postDemoScenario("healthy"),
      (err: unknown) =>
        err instanceof FetchError && err.status === 404 && /no demo cluster/.test(err.message),
    );
  });
});

describe("presentation mode", () => {
  test("?present=1 and ?kiosk=1 survive in links", () => {
    assert.deepEqual(viewModeFrom({ present: "1" }), { kiosk: false, present: true });
    assert.equal(viewQuery({}), "");
    assert.equal(viewQuery({ present: true }), "?present=1");
    assert.equal(viewQuery({ kiosk: true, present: true }), "?kiosk=1&present=1");
    const html = render(
      <OverviewClient
        initial={{ clusters: [summary("demo", true)], pollIntervalMs: POLL_MS, generatedAt: T0 }}
        kiosk
        present
      />,
    );
    assert.equal(one(html, "cluster-tile").attrs.href, "/clusters/demo?kiosk=1&present=1");
    assert.equal(one(html, "present-toggle").attrs.href, "/?kiosk=1");
  });

  test("the cluster page: marked for the large-type CSS, settings line gone, long columns marked, links keep the mode", () => {
    const detail = makeDetail({ name: "demo", demo: true, config: null });
    const normal = render(<ClusterClient name="demo" initial={detail} kiosk={false} />);
    const present = render(<ClusterClient name="demo" initial={detail} kiosk={false} present />);
    assert.doesNotMatch(normal, /data-present=/);
    assert.match(present, /data-present="true"/);
    assert.match(normal, /aria-label="Settings"/);
    assert.doesNotMatch(present, /aria-label="Settings"/);
    assert.match(present, /<th scope="col" class="[^"]*col-secondary[^"]*">Host:Port<\/th>/);
    assert.match(present, /href="\/\?present=1"/, "back link keeps the mode");
    // The one-band header keeps the leader in a polite live region, and the timeline.
    assert.match(
      present,
      /aria-live="polite"[^>]*>(?:(?!<\/div>)[\s\S])*data-testid="leader-name"[^>]*>node1</,
    );
    assert.equal(one(present, "cluster-timeline").text, "1");
    assert.equal(one(present, "demo-badge").text, "Demo cluster");
    assert.equal(one(present, "present-toggle").attrs.href, "/clusters/demo");
    assert.equal(one(normal, "present-toggle").attrs.href, "/clusters/demo?present=1");
    // The topology comes before the event log, side by side, ahead of the member table.
    const order = ["topology", "event-log", "demo-panel", "members"].map((id) =>
      present.indexOf(`id="${id}-title"`),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
  });
});
