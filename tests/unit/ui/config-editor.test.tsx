// test-process: dom
import "../../support/dom";
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fireEvent, waitFor } from "@testing-library/react";
import bcrypt from "bcryptjs";
import { GET as me } from "@/app/api/auth/me/route";
import { ConfigView } from "@/components/cluster/config-view/config-view";
import { sealSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import type { DashboardConfig } from "@/lib/server/config/load";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";
import { makeDetail } from "../../support/detail";
import { testConfig } from "../../support/config";

// The configuration editor in the config view: only for a signed-in admin (the real /api/auth/me
// behind the browser's fetch), the diff preview and Patroni's rules as the JSON is edited, the name to
// type, and exactly the patch and its base sent to the action route.

cleanupAfterEach();
const HASH = bcrypt.hashSync("pw", 4);
const SECRET = "c".repeat(43);
const config = {
  ...testConfig(),
  auth: {
    viewers: "anonymous",
    sessionSecret: SECRET,
    users: [
      { username: "ada", passwordHash: HASH, role: "admin" },
      { username: "olga", passwordHash: HASH, role: "operator" },
    ],
  },
  actions: { enabled: true },
} satisfies DashboardConfig;

let cookie = "";
const sent: unknown[] = [];
const realFetch = globalThis.fetch;
const inflight = new Set<Promise<unknown>>();
before(() => {
  installRuntime({ config, clusters: [], poller: null, demo: null, startedAt: 0 } as unknown as Runtime);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://127.0.0.1:3000");
    // NOTE: happy-dom's Request drops a Cookie header (tests/unit/ui/action-panel.test.tsx says more).
    const request = {
      url: url.href,
      headers: new Map([["cookie", cookie]]) as unknown as Headers,
    } as Request;
    let answer: Promise<Response>;
    if (url.pathname === "/api/auth/me") answer = me(request);
    else if (url.pathname === "/api/clusters/lab/actions") {
      sent.push(JSON.parse(String(init?.body)));
      answer = Promise.resolve(
        Response.json({ patroni: { status: 200, text: "configuration updated: loop_wait" } }),
      );
    } else answer = Promise.resolve(new Response(null, { status: 404 }));
    inflight.add(answer);
    void answer.finally(() => inflight.delete(answer));
    return answer;
  }) as typeof fetch;
});
afterEach(async () => {
  while (inflight.size > 0) await Promise.allSettled([...inflight]);
  await new Promise((resolve) => setTimeout(resolve, 20));
});
after(() => {
  globalThis.fetch = realFetch;
  installRuntime(null);
});

async function signIn(username: "ada" | "olga") {
  const role = username === "ada" ? "admin" : "operator";
  cookie = `${SESSION_COOKIE}=${(await sealSession(SECRET, { username, role }, Date.now())).value}`;
}

const raw = {
  ttl: 30,
  loop_wait: 10,
  retry_timeout: 10,
  pause: false,
  postgresql: { parameters: { max_connections: 100 } },
  standby_cluster: { password: "(redacted)" },
};
const base = makeDetail({ name: "lab" });
const detail = {
  ...base,
  config: {
    ttl: 30,
    loopWait: 10,
    retryTimeout: 10,
    maximumLagOnFailover: null,
    synchronousMode: "off" as const,
    synchronousModeStrict: false,
    failsafeMode: false,
    paused: false,
    raw,
  },
};

describe("configuration editor", () => {
  test("an operator sees no editor; without login configured none is even asked for", async () => {
    await signIn("olga");
    const ui = renderUi(<ConfigView detail={detail} mounted editable />);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(ui.queryByTestId("config-edit-open"), null);
    ui.unmount();
    await signIn("ada");
    const off = renderUi(<ConfigView detail={detail} mounted />);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(off.queryByTestId("config-edit-open"), null);
  });

  test("an admin: the diff preview, Patroni's rules, the typed name, and exactly the patch with its base sent", async () => {
    await signIn("ada");
    const ui = renderUi(<ConfigView detail={detail} mounted editable />);
    fireEvent.click(await ui.findByTestId("config-edit-open"));
    const text = ui.getByTestId("config-edit-text") as HTMLTextAreaElement;
    const shown = JSON.parse(text.value) as Record<string, unknown>;
    assert.equal("pause" in shown, false, "pause is its own action");
    const edit = (change: (c: typeof raw) => void) => {
      const next = structuredClone(shown) as typeof raw;
      change(next);
      fireEvent.change(text, { target: { value: JSON.stringify(next, null, 2) } });
    };
    assert.match(ui.getByTestId("config-edit-preview").textContent ?? "", /No changes yet/);

    fireEvent.change(text, { target: { value: "{ not json" } });
    assert.match(ui.getByTestId("config-edit-error").textContent ?? "", /Not valid JSON/);

    edit((c) => (c.loop_wait = 11));
    assert.match(
      ui.getByTestId("config-edit-problems").textContent ?? "",
      /loop_wait: loop_wait \+ 2 × retry_timeout must not exceed ttl/,
    );
    const send = () => ui.getByTestId("config-edit-send") as HTMLButtonElement;
    fireEvent.change(ui.getByTestId("config-edit-confirm"), { target: { value: "lab" } });
    assert.equal(send().disabled, true, "refused by the rules whatever is typed");

    edit((c) => {
      c.loop_wait = 5;
      c.postgresql.parameters.max_connections = 200;
    });
    const lines = [...ui.getByTestId("config-edit-preview").querySelectorAll("li")].map(
      (li) => li.textContent,
    );
    assert.deepEqual(lines, ["loop_wait: 10 → 5", "postgresql.parameters.max_connections: 100 → 200"]);
    assert.equal(send().disabled, false);
    fireEvent.change(ui.getByTestId("config-edit-confirm"), { target: { value: "la" } });
    assert.equal(send().disabled, true, "the name must be exact");
    fireEvent.change(ui.getByTestId("config-edit-confirm"), { target: { value: "lab" } });
    fireEvent.click(send());
    await waitFor(() => assert.ok(ui.getByTestId("config-edit-result")));
    assert.deepEqual(sent.at(-1), {
      action: "edit-config",
      config: { loop_wait: 5, postgresql: { parameters: { max_connections: 200 } } },
      base: { loop_wait: 10, "postgresql.parameters.max_connections": 100 },
      confirm: "lab",
    });
    assert.match(ui.getByTestId("config-edit-result").textContent ?? "", /HTTP 200: configuration updated/);
    assert.equal(ui.queryByTestId("config-editor"), null, "closed once Patroni accepted");
  });
});
