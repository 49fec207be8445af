// test-process: dom
import "../../support/dom";
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { act, fireEvent, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { GET, POST } from "@/app/api/demo/route";
import { GET as getHaproxyCfg } from "@/app/api/clusters/[name]/haproxy.cfg/route";
import { HaproxyConfig } from "@/components/cluster/endpoint-matrix/haproxy-config";
import { DemoPanel } from "@/components/demo/demo-panel";
import { scenarioLabel } from "@/components/demo/scenario-list";
import { LeaderChangeBanner } from "@/components/cluster/event-log/leader-banner";
import { PrimaryEndpoint, primaryEndpoint } from "@/components/cluster/endpoint/primary-endpoint";
import { LangSwitch } from "@/components/layout/lang-switch";
import { ThemeSwitch } from "@/components/layout/theme-switch";
import { DEMO_SCENARIOS } from "@/lib/domain/demo";
import type { EventLogEntry } from "@/lib/domain/contracts";
import { createT } from "@/lib/i18n";
import { getBuiltInDemo } from "@/lib/server/demo/built-in";
import { getRuntime, installRuntime } from "@/lib/server/runtime";
import { setDocumentUrl } from "../../support/dom";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";
import { makeDetail, T0 } from "../../support/detail";
import { closedPort, listen, type TestServer } from "../../support/servers";

// The interactive widgets rendered into a document, clicked and waited on as a user would: effects run,
// state changes, requests go out. (What the first paint shows is tested on server HTML elsewhere.)

const en = createT("en");
cleanupAfterEach();

describe("theme switch", () => {
  test("choosing Dark applies it to <html> at once and remembers it in the theme cookie", async () => {
    document.documentElement.removeAttribute("data-theme");
    const ui = renderUi(<ThemeSwitch initial="light" />);
    const select = ui.getByRole("combobox", { name: en("theme.label") }) as HTMLSelectElement;
    assert.equal(select.value, "light");
    await userEvent.selectOptions(select, en("theme.dark"));
    assert.equal(select.value, "dark");
    assert.equal(document.documentElement.getAttribute("data-theme"), "dark");
    assert.match(document.cookie, /(^|; )theme=dark(;|$)/);
    await userEvent.selectOptions(select, en("theme.system"));
    assert.equal(document.documentElement.getAttribute("data-theme"), "system");
    assert.match(document.cookie, /(^|; )theme=system(;|$)/);
  });
});

describe("language switch", () => {
  test("choosing Tiếng Việt sets the locale cookie and asks the server components to render again", async () => {
    const refreshes: number[] = [];
    const router = {
      bfcacheId: "0",
      refresh: () => refreshes.push(Date.now()),
      push: () => undefined,
      replace: () => undefined,
      back: () => undefined,
      forward: () => undefined,
      prefetch: () => undefined,
    };
    const ui = renderUi(
      <AppRouterContext.Provider value={router}>
        <LangSwitch />
      </AppRouterContext.Provider>,
    );
    const select = ui.getByRole("combobox", { name: en("lang.label") }) as HTMLSelectElement;
    assert.equal(select.value, "en");
    await userEvent.selectOptions(select, "vi");
    assert.match(document.cookie, /(^|; )locale=vi(;|$)/);
    await waitFor(() => assert.equal(refreshes.length, 1));
    await waitFor(() => assert.equal(select.disabled, false, "enabled again once the refresh is done"));
  });
});

describe("copy button of the primary endpoint", () => {
  const detail = makeDetail();
  const endpoint = primaryEndpoint(detail)!;

  test("copies host:port, says Copied, and goes back to Copy after two seconds", async () => {
    assert.ok(endpoint, "the fixture has a leader with a host");
    await navigator.clipboard.writeText("");
    const ui = renderUi(<PrimaryEndpoint detail={detail} />);
    const button = ui.getByRole("button", { name: en("endpoint.copyLabel", { endpoint }) });
    assert.equal(button.textContent, en("endpoint.copy"));
    await userEvent.click(button);
    await waitFor(() => assert.equal(button.textContent, en("endpoint.copied")));
    assert.equal(await navigator.clipboard.readText(), endpoint);
    await waitFor(() => assert.equal(button.textContent, en("endpoint.copy")), { timeout: 10_000 });
  });

  test("when no way to copy works, it says Copy failed instead of pretending", async () => {
    const clipboard = navigator.clipboard;
    const writeText = clipboard.writeText;
    const execCommand = document.execCommand;
    clipboard.writeText = () => Promise.reject(new Error("not allowed"));
    document.execCommand = () => false;
    try {
      const ui = renderUi(<PrimaryEndpoint detail={detail} />);
      const button = ui.getByRole("button", { name: en("endpoint.copyLabel", { endpoint }) });
      await userEvent.click(button);
      await waitFor(() => assert.equal(button.textContent, en("endpoint.copyFailed")));
    } finally {
      clipboard.writeText = writeText;
      document.execCommand = execCommand;
    }
  });
});

describe("leader-change banner", () => {
  const failover: EventLogEntry[] = [
    { t: T0, kind: "leader_elected", member: "node2", from: "node1", to: "node2", detail: null },
  ];

  test("Dismiss removes the banner and keeps the live region", async () => {
    const ui = renderUi(<LeaderChangeBanner entries={failover} generatedAt={T0} receivedAt={T0} now={T0} />);
    const banner = ui.getByTestId("leader-change-banner");
    assert.match(banner.textContent ?? "", /node2/);
    const dismiss = within(banner).getByRole("button", { name: en("banner.dismissLabel") });
    dismiss.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() => assert.equal(ui.queryByTestId("leader-change-banner"), null));
    assert.ok(ui.container.querySelector('[aria-live="polite"]'), "the live region stays for the next one");
  });
});

describe("demo panel and HAProxy config against the real routes and the built-in simulator", () => {
  const saved = { ...process.env };
  const dataDir = mkdtempSync(join(tmpdir(), "dom-demo-data-"));
  let server: TestServer;
  const posted: unknown[] = [];
  let cfgRequests = 0;
  // Holds each POST until the test lets it through, to see the panel while a trigger is in flight.
  let release: () => void = () => undefined;
  let held: Promise<void> = Promise.resolve();

  before(async () => {
    delete process.env.DASHBOARD_CONFIG;
    delete process.env.PATRONI_NODES;
    process.env.DATA_DIR = dataDir;
    process.env.DEMO_PORTS = [await closedPort(), await closedPort(), await closedPort()].join(",");
    installRuntime(null);
    server = await listen(
      http.createServer(async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks).toString();
        let answer: Response;
        if (req.url === "/api/demo" && req.method === "GET") answer = await GET();
        else if (req.url === "/api/demo" && req.method === "POST") {
          posted.push(JSON.parse(body));
          await held;
          answer = await POST(
            new Request("http://127.0.0.1/api/demo", {
              method: "POST",
              headers: { "content-type": req.headers["content-type"] ?? "" },
              body,
            }),
          );
        } else if (req.url?.startsWith("/api/clusters/") && req.url.endsWith("/haproxy.cfg")) {
          cfgRequests += 1;
          const name = decodeURIComponent(req.url.split("/")[3]!);
          answer = await getHaproxyCfg(new Request(`http://127.0.0.1${req.url}`), {
            params: Promise.resolve({ name }),
          });
        } else answer = new Response("{}", { status: 404 });
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      }),
    );
    setDocumentUrl(`${server.url}/clusters/demo`);
  });
  after(async () => {
    release();
    await server?.close();
    (await getRuntime()).poller.stop();
    await (await getBuiltInDemo())?.stop();
    // The SQLite history goes with its temporary directory (closing it here races the stopped
    // poller's last write).
    installRuntime(null);
    process.env = saved;
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("lists the simulated nodes once loaded; a click sends the scenario, disables every button until the answer, then says it started", async () => {
    const ui = renderUi(<DemoPanel clusterName="demo" />);
    assert.match(ui.getByTestId("demo-panel").textContent ?? "", new RegExp(en("demo.panel.loading")));
    const ports = process.env.DEMO_PORTS!.split(",");
    await waitFor(() =>
      assert.deepEqual(
        ui.getAllByTestId("demo-node").map((n) => n.getAttribute("data-url")),
        ports.map((p) => `http://127.0.0.1:${p}`),
      ),
    );
    assert.match(
      ui.getByTestId("demo-panel").textContent ?? "",
      new RegExp(`for port in ${ports.join(" ")};`),
    );

    held = new Promise((resolve) => (release = resolve));
    const buttons = ui.getAllByTestId("demo-scenario") as HTMLButtonElement[];
    assert.deepEqual(
      buttons.map((b) => b.getAttribute("data-scenario")),
      [...DEMO_SCENARIOS],
    );
    const maintenance = buttons.find((b) => b.getAttribute("data-scenario") === "maintenance")!;
    await userEvent.click(maintenance);
    await waitFor(() =>
      assert.ok(
        buttons.every((b) => b.disabled),
        "every button disabled in flight",
      ),
    );
    assert.equal(maintenance.getAttribute("aria-busy"), "true");
    const result = ui.getByTestId("demo-result");
    assert.equal(
      result.textContent,
      en("demo.panel.sending", { scenario: scenarioLabel(en, "maintenance") }),
    );
    // A second click while the first is in flight sends nothing.
    fireEvent.click(buttons[0]!);
    assert.deepEqual(posted, [{ scenario: "maintenance" }]);

    await act(async () => release());
    await waitFor(() => assert.equal(result.getAttribute("data-ok"), "true"));
    assert.equal(
      result.textContent,
      en("demo.panel.started", { scenario: scenarioLabel(en, "maintenance") }),
    );
    assert.ok(
      buttons.every((b) => !b.disabled),
      "enabled again after the answer",
    );
    assert.deepEqual(posted, [{ scenario: "maintenance" }]);
    assert.match(
      ui.getByTestId("demo-panel").textContent ?? "",
      new RegExp(en("demo.panel.last", { scenario: scenarioLabel(en, "maintenance") })),
      "the panel's state comes from the answer",
    );
  });

  test("HAProxy config: nothing fetched until asked; Show loads the generated file, a second click regenerates it", async () => {
    await waitFor(async () => assert.ok((await getRuntime()).clusters[0]?.name === "demo"));
    cfgRequests = 0;
    const ui = renderUi(<HaproxyConfig clusterName="demo" />);
    const load = ui.getByTestId("haproxy-config-load") as HTMLButtonElement;
    assert.equal(load.textContent, en("haproxy.show"));
    assert.equal(cfgRequests, 0, "not fetched on render");
    await userEvent.click(load);
    const text = await ui.findByTestId("haproxy-config-text");
    assert.equal(cfgRequests, 1);
    assert.match(text.textContent ?? "", /^\s*(#|global)/m);
    assert.match(text.textContent ?? "", /127\.0\.0\.1:\d+/, "the simulated members' addresses");
    assert.equal(load.textContent, en("haproxy.regenerate"));
    await userEvent.click(load);
    await waitFor(() => assert.equal(cfgRequests, 2));
    await waitFor(() => assert.equal(load.disabled, false));
  });
});
