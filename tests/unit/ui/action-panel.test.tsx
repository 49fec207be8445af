// test-process: dom
import "../../support/dom";
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fireEvent, waitFor } from "@testing-library/react";
import bcrypt from "bcryptjs";
import { useState } from "react";
import { GET as getAudit } from "@/app/api/audit/route";
import { GET as me } from "@/app/api/auth/me/route";
import { ActionPanel } from "@/components/actions/action-panel";
import { sealSession, SESSION_COOKIE } from "@/lib/server/auth/session";
import type { DashboardConfig } from "@/lib/server/config/load";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";
import { makeDetail, makeMember } from "../../support/detail";
import { testConfig } from "../../support/config";

// The action panel with the real auth and audit route handlers behind the browser's fetch: nothing
// for anonymous users but a sign-in link, nothing for viewers, and for an operator the confirmation
// with the preflight verdict whose send button waits for the cluster's name.

cleanupAfterEach();
const HASH = bcrypt.hashSync("pw", 4);
const config = {
  ...testConfig(),
  auth: {
    viewers: "anonymous",
    sessionSecret: "b".repeat(43),
    users: [
      { username: "olga", passwordHash: HASH, role: "operator" },
      { username: "vera", passwordHash: HASH, role: "viewer" },
    ],
  },
  actions: { enabled: true },
} satisfies DashboardConfig;

let cookie = "";
const realFetch = globalThis.fetch;
// Every answer the panel asked for, so that none is still on its way when the file's DOM goes away.
const inflight = new Set<Promise<unknown>>();
before(() => {
  installRuntime({ config, clusters: [], poller: null, demo: null, startedAt: 0 } as unknown as Runtime);
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), "http://127.0.0.1:3000");
    // NOTE: happy-dom's Request drops a Cookie header (forbidden in browsers), so the handlers get a
    // request-shaped object carrying it, as the browser's cookie jar would.
    void init;
    const request = {
      url: url.href,
      headers: new Map([["cookie", cookie]]) as unknown as Headers,
    } as Request;
    const answer =
      url.pathname === "/api/auth/me"
        ? me(request)
        : url.pathname === "/api/audit"
          ? getAudit(request)
          : Promise.resolve(new Response(null, { status: 404 }));
    inflight.add(answer);
    void answer.finally(() => inflight.delete(answer));
    return answer;
  }) as typeof fetch;
});
afterEach(async () => {
  while (inflight.size > 0) await Promise.allSettled([...inflight]);
  // The components' .then() after the answers: one macrotask later they have run.
  await new Promise((resolve) => setTimeout(resolve, 20));
});
after(() => {
  globalThis.fetch = realFetch;
  installRuntime(null);
});

// NOTE: happy-dom's Request drops Host and Origin too, so the session is sealed directly (the login
// route itself is tested in tests/unit/auth).
async function signIn(username: "olga" | "vera") {
  const role = username === "olga" ? "operator" : "viewer";
  const { value } = await sealSession(config.auth.sessionSecret, { username, role }, Date.now());
  cookie = `${SESSION_COOKIE}=${value}`;
}

const detail = makeDetail({
  name: "lab",
  leader: "node1",
  members: [
    makeMember({ name: "node1", role: "leader" }),
    makeMember({ name: "node2", role: "replica" }),
    makeMember({ name: "node3", role: "replica" }),
  ],
});
const ready = {
  ...detail,
  readiness: {
    verdict: "safe" as const,
    candidates: ["node2"],
    reasons: [],
    members: [
      { member: "node2", candidate: true, reasons: [] },
      { member: "node3", candidate: false, reasons: ["lag_over_threshold" as const] },
    ],
  },
};

describe("action panel", () => {
  test("anonymous: only a sign-in link; a viewer: nothing", async () => {
    cookie = "";
    const anon = renderUi(<ActionPanel detail={ready} />);
    await waitFor(() => assert.ok(anon.getByText("Sign in to act on this cluster")));
    assert.equal(anon.queryByTestId("action-panel"), null);
    anon.unmount();
    await signIn("vera");
    const viewer = renderUi(<ActionPanel detail={ready} />);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(viewer.queryByTestId("action-panel"), null);
    assert.equal(viewer.queryByText("Sign in to act on this cluster"), null);
  });

  test("an operator: switchover to a lagging replica shows readiness's reason; send waits for the name", async () => {
    await signIn("olga");
    const ui = renderUi(<ActionPanel detail={ready} />);
    await waitFor(() => assert.ok(ui.getByTestId("action-panel")));
    assert.equal(
      (ui.getByTestId("action-candidate") as HTMLSelectElement).value,
      "node2",
      "a ready one first",
    );
    fireEvent.change(ui.getByTestId("action-candidate"), { target: { value: "node3" } });
    fireEvent.click(ui.getByTestId("action-switchover"));
    const verdict = ui.getByTestId("action-preflight").textContent ?? "";
    assert.match(verdict, /candidate_not_ready \(node3\): lag_over_threshold/);
    const send = ui.getByTestId("action-send") as HTMLButtonElement;
    fireEvent.change(ui.getByTestId("action-confirm"), { target: { value: "lab" } });
    assert.equal(send.disabled, true, "refused by the preflight until forced");
    fireEvent.click(ui.getByLabelText("Force (skip the readiness check)"));
    assert.equal((ui.getByTestId("action-send") as HTMLButtonElement).disabled, false);
    fireEvent.change(ui.getByTestId("action-confirm"), { target: { value: "la" } });
    assert.equal(
      (ui.getByTestId("action-send") as HTMLButtonElement).disabled,
      true,
      "the name must be exact",
    );
  });

  test("the candidate offered first is one readiness accepts, not merely the first replica", async () => {
    await signIn("olga");
    const syncOnly = { ...ready, readiness: { ...ready.readiness, candidates: ["node3"] } };
    const ui = renderUi(<ActionPanel detail={syncOnly} />);
    await waitFor(() => assert.ok(ui.getByTestId("action-panel")));
    assert.equal((ui.getByTestId("action-candidate") as HTMLSelectElement).value, "node3");
  });

  test("after a switchover the chosen candidate, now the leader, is no longer offered or sent", async () => {
    await signIn("olga");
    const switched = {
      ...ready,
      leader: "node3",
      members: [
        makeMember({ name: "node1", role: "replica" }),
        makeMember({ name: "node2", role: "replica" }),
        makeMember({ name: "node3", role: "leader" }),
      ],
      readiness: { ...ready.readiness, candidates: ["node2"] },
    };
    // The screen's next poll hands the panel the cluster after the switchover.
    function Screen() {
      const [detail, setDetail] = useState(ready);
      return (
        <>
          <button type="button" onClick={() => setDetail(switched)}>
            next poll
          </button>
          <ActionPanel detail={detail} />
        </>
      );
    }
    const ui = renderUi(<Screen />);
    await waitFor(() => assert.ok(ui.getByTestId("action-panel")));
    fireEvent.change(ui.getByTestId("action-candidate"), { target: { value: "node3" } });
    assert.equal((ui.getByTestId("action-candidate") as HTMLSelectElement).value, "node3");
    fireEvent.click(ui.getByText("next poll"));
    assert.equal((ui.getByTestId("action-candidate") as HTMLSelectElement).value, "node2");
    fireEvent.click(ui.getByTestId("action-switchover"));
    assert.match(ui.getByTestId("action-preflight").textContent ?? "", /nothing stands in the way/);
  });
});
