import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lagThreshold, lagThresholdName } from "@/lib/domain/member-rules";
import { pipeline } from "../../support/capture-pipeline";

// lag_warning_bytes: the lag alert (and the chart's line) follow it when set; failover readiness keeps
// Patroni's own rule, maximum_lag_on_failover. On the real 4.1.4 capture of a stalled WAL receiver
// (node2 about 8 MB behind, maximum_lag_on_failover 1 MiB).

async function stalled(lagWarningBytes: number | null) {
  const p = pipeline("patroni-4", "f2-walreceiver-stalled");
  p.cluster.lagWarningBytes = lagWarningBytes;
  return p.run("f2-walreceiver-stalled");
}

describe("lag_warning_bytes", () => {
  test("unset: the alert uses maximum_lag_on_failover and says so", async () => {
    const d = await stalled(null);
    const alert = d.alerts.find((a) => a.code === "lag_over_threshold")!;
    assert.equal(alert.params.thresholdBytes, 1_048_576);
    assert.equal(alert.params.thresholdName, "maximum_lag_on_failover");
    assert.equal(lagThreshold(d), 1_048_576);
    assert.equal(d.lagWarningBytes, null);
  });

  test("set above the lag (100 MB, the course's figure): no lag alert, but readiness still refuses node2", async () => {
    const d = await stalled(100 * 1024 * 1024);
    assert.equal(
      d.alerts.find((a) => a.code === "lag_over_threshold"),
      undefined,
    );
    assert.equal(lagThreshold(d), 104_857_600);
    assert.equal(lagThresholdName(d), "lag_warning_bytes");
    const node2 = d.readiness.members.find((m) => m.member === "node2")!;
    assert.ok(node2.reasons.includes("lag_over_threshold"), "Patroni would still not promote it");
  });

  test("set below maximum_lag_on_failover: the alert fires at the lower figure and names it", async () => {
    const d = await stalled(4096);
    const alert = d.alerts.find((a) => a.code === "lag_over_threshold")!;
    assert.equal(alert.params.thresholdBytes, 4096);
    assert.equal(alert.params.thresholdName, "lag_warning_bytes");
  });
});
