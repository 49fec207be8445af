// test-process: dom
import "../../support/dom";
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import LoginPage from "@/app/login/page";
import { ConfigView } from "@/components/cluster/config-view/config-view";
import { keyPieces } from "@/components/cluster/config-view/setting-key";
import { HistoryTimeline } from "@/components/history/history-timeline";
import { formatTime } from "@/lib/domain/format";
import type { HistoryEvent } from "@/lib/domain/history-events";
import { CATALOGS } from "@/lib/i18n";
import type { DashboardConfig } from "@/lib/server/config/load";
import { installRuntime, type Runtime } from "@/lib/server/runtime";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";
import { makeDetail } from "../../support/detail";
import { testConfig } from "../../support/config";

// Defects a reviewer found in screenshots: the login page offering a form that can only fail when no
// `auth` section is configured; history rows repeating an en-US date under an en-GB day heading; and
// setting names cut mid-word in the config view.

cleanupAfterEach();
after(() => installRuntime(null));

const withRuntime = (config: DashboardConfig) =>
  installRuntime({ config, clusters: [], poller: null, demo: null, startedAt: 0 } as unknown as Runtime);

describe("login page", { timeout: 30_000 }, () => {
  test("without an auth section: the message up front, no form, and a way back to the overview", async () => {
    withRuntime(testConfig());
    for (const locale of ["en", "vi"] as const) {
      const page = await LoginPage({ searchParams: Promise.resolve({ next: "/history" }) });
      const ui = renderUi(page, { locale });
      const note = ui.getByTestId("login-not-configured");
      assert.ok(note.textContent?.includes(CATALOGS[locale]["login.notConfigured"]));
      assert.equal(ui.queryByTestId("login-form"), null);
      assert.equal(ui.container.querySelector("input[type=password]"), null);
      const back = note.querySelector("a");
      assert.equal(back?.getAttribute("href"), "/");
      assert.equal(back?.textContent, CATALOGS[locale]["login.backToOverview"]);
      ui.unmount();
    }
  });

  test("with an auth section: the sign-in form and no such message", async () => {
    withRuntime({
      ...testConfig(),
      auth: { viewers: "anonymous", sessionSecret: "d".repeat(43), users: [] },
    } as unknown as DashboardConfig);
    const ui = renderUi(await LoginPage({ searchParams: Promise.resolve({}) }));
    assert.ok(ui.getByTestId("login-form").querySelector("input[type=password]"));
    assert.equal(ui.queryByTestId("login-not-configured"), null);
  });
});

describe("history timeline", { timeout: 30_000 }, () => {
  // Two events on 2 December 2026, a day whose en-US date (12/02) reads as 12 February in en-GB.
  const at1 = Date.UTC(2026, 11, 2, 12, 4, 32);
  const at2 = Date.UTC(2026, 11, 2, 11, 0, 5);
  const events: HistoryEvent[] = [
    { id: 2, at: at1, cluster: "lab", member: "node1", kind: "member_joined" },
    { id: 1, at: at2, cluster: "lab", member: "node2", kind: "member_left" },
  ];

  for (const locale of ["en", "vi"] as const)
    test(`${locale}: a row under a day heading shows only its time, in the app's locale`, () => {
      const ui = renderUi(<HistoryTimeline events={events} showCluster={false} mounted />, { locale });
      const headings = ui.container.querySelectorAll("h3");
      assert.equal(headings.length, 1, "one heading for the one day");
      const times = [...ui.container.querySelectorAll("li time")].map((el) => el.textContent);
      assert.deepEqual(times, [formatTime(at1, locale), formatTime(at2, locale)]);
      for (const text of times) {
        assert.match(text ?? "", /^\d\d:\d\d:\d\d$/, `"${text}" is a time of day and nothing else`);
      }
    });
});

describe("config view setting names", { timeout: 30_000 }, () => {
  test("keys split only after _ and .", () => {
    assert.deepEqual(keyPieces("synchronous_mode"), ["synchronous_", "mode"]);
    assert.deepEqual(keyPieces("postgresql.remove_data_directory_on_rewind_failure"), [
      "postgresql.",
      "remove_",
      "data_",
      "directory_",
      "on_",
      "rewind_",
      "failure",
    ]);
    assert.deepEqual(keyPieces("ttl"), ["ttl"]);
  });

  test("long names wrap only between words: <wbr> after _ and ., and never break-all", () => {
    const base = makeDetail({ name: "lab" });
    const detail = {
      ...base,
      config: {
        ttl: 30,
        loopWait: 10,
        retryTimeout: 10,
        maximumLagOnFailover: 1_048_576,
        synchronousMode: "on" as const,
        synchronousModeStrict: false,
        failsafeMode: false,
        paused: false,
        raw: {
          ttl: 30,
          maximum_lag_on_failover: 1_048_576,
          postgresql: {
            parameters: { max_wal_senders: 10 },
            remove_data_directory_on_rewind_failure: true,
          },
        },
      },
    };
    const ui = renderUi(<ConfigView detail={detail} mounted />);
    const keyOf = (key: string) =>
      ui.container.querySelector(`tr[data-key="${key}"] th code`) as HTMLElement | null;

    const lag = keyOf("maximum_lag_on_failover");
    assert.equal(lag?.innerHTML, "maximum_<wbr>lag_<wbr>on_<wbr>failover");
    assert.equal(lag?.textContent, "maximum_lag_on_failover", "the text itself is unchanged");
    assert.equal(keyOf("synchronous_mode")?.innerHTML, "synchronous_<wbr>mode");
    assert.equal(keyOf("max_wal_senders")?.innerHTML, "max_<wbr>wal_<wbr>senders");
    assert.equal(
      keyOf("postgresql.remove_data_directory_on_rewind_failure")?.innerHTML,
      "postgresql.<wbr>remove_<wbr>data_<wbr>directory_<wbr>on_<wbr>rewind_<wbr>failure",
    );
    const names = [...ui.container.querySelectorAll("tr[data-key] th code")];
    assert.ok(names.length >= 4);
    for (const name of names) assert.equal(name.classList.contains("break-all"), false, name.textContent!);
  });
});
