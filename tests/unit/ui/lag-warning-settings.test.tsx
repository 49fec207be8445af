import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ClusterSettings } from "@/components/cluster/header/settings";
import { pipeline } from "../../support/capture-pipeline";
import { render } from "../../support/render";

// The cluster header's settings line names the dashboard's own lag_warning_bytes when it is set, next to
// Patroni's maximum_lag_on_failover, in both languages; without it the line is as before.

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describe("cluster settings line", () => {
  test("shows the lag alert threshold when lag_warning_bytes is set (en, vi)", async () => {
    const d = await pipeline("patroni-4", "a-healthy").run("a-healthy");
    const en = text(render(<ClusterSettings config={d.config} lagWarningBytes={104_857_600} />, "en"));
    assert.match(en, /Lag alert over\s*:\s*100 MB/);
    assert.match(en, /Failover lag limit\s*:\s*1 MB/);
    const vi = text(render(<ClusterSettings config={d.config} lagWarningBytes={104_857_600} />, "vi"));
    assert.match(vi, /Cảnh báo khi trễ quá\s*:\s*100 MB/);
  });

  test("absent when lag_warning_bytes is not set", async () => {
    const d = await pipeline("patroni-4", "a-healthy").run("a-healthy");
    const en = text(render(<ClusterSettings config={d.config} />, "en"));
    assert.doesNotMatch(en, /Lag alert over/);
    assert.match(en, /Failover lag limit/);
  });
});
