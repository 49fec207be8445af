// test-process: dom
import "../../support/dom";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ActionAudit, type AuditRow } from "@/components/actions/action-audit";
import { ACTION_KINDS, ACTION_OUTCOMES } from "@/lib/domain/actions";
import { CATALOGS } from "@/lib/i18n";
import { cleanupAfterEach, renderUi } from "../../support/render-dom";

// Regression: in Vietnamese the audit list showed the server's codes ("switchover → succeeded") and
// the browser's own time format; both now come from the catalog and the chosen language.

cleanupAfterEach();

const at = Date.UTC(2026, 11, 2, 6, 30, 15);
const rows: AuditRow[] = [
  {
    id: 1,
    kind: "action",
    at,
    user: "alice",
    address: "127.0.0.1",
    action: "switchover",
    outcome: "succeeded",
  },
  {
    id: 2,
    kind: "action",
    at,
    user: "(anonymous)",
    address: "127.0.0.1",
    action: "pause",
    outcome: "unauthenticated",
  },
  {
    id: 3,
    kind: "action_outcome",
    at,
    action: "switchover",
    from: "node1",
    to: "node2",
    completed: true,
    durationMs: 8200,
  },
  {
    id: 4,
    kind: "action",
    at,
    user: "bob",
    address: "127.0.0.1",
    action: "future-action",
    outcome: "future_outcome",
  },
];

describe("the audit list", () => {
  test("every action and every outcome the server records has words in both languages", () => {
    for (const locale of ["en", "vi"] as const) {
      const messages = CATALOGS[locale] as Record<string, string>;
      for (const kind of ACTION_KINDS) assert.ok(messages[`actions.kind.${kind}`], `${locale}: ${kind}`);
      for (const outcome of ACTION_OUTCOMES)
        assert.ok(messages[`actions.outcome.${outcome}`], `${locale}: ${outcome}`);
    }
  });

  test("in Vietnamese: actions and outcomes in words, time in the app's language, unknown codes as themselves", () => {
    const { getByTestId } = renderUi(<ActionAudit audit={rows} />, { locale: "vi" });
    const items = [...getByTestId("action-audit").querySelectorAll("li")].map((li) => li.textContent ?? "");
    assert.match(items[0]!, /alice từ 127\.0\.0\.1: chuyển đổi leader \(switchover\) → thành công/);
    assert.match(items[1]!, /tạm dừng → bị từ chối: chưa đăng nhập/);
    assert.match(
      items[2]!,
      /chuyển đổi leader \(switchover\) node1 → node2: mọi điều kiện đã đạt sau 8\.2 giây/,
    );
    assert.match(
      items[3]!,
      /future-action → future_outcome/,
      "a code this build does not know stays readable",
    );
    for (const text of items.slice(0, 3)) assert.doesNotMatch(text, /succeeded|unauthenticated|\bpause\b/);
    const time = getByTestId("action-audit").querySelector("time")!;
    assert.equal(time.getAttribute("datetime"), new Date(at).toISOString());
    assert.doesNotMatch(time.textContent ?? "", /AM|PM/, "not the browser's English clock");
  });

  test("in English the same rows read as words too", () => {
    const { getByTestId } = renderUi(<ActionAudit audit={rows} />, { locale: "en" });
    const text = getByTestId("action-audit").textContent ?? "";
    assert.match(text, /alice from 127\.0\.0\.1: switchover → done/);
    assert.match(text, /pause → refused: not signed in/);
  });
});
