import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { lagOf } from "@/lib/domain/observations";

const dcs = {
  lag: 1_900_000,
  receiveLag: 1_900_000,
  replayLag: 1_900_000,
  lsn: 100,
  receiveLsn: 100,
  replayLsn: 100,
};
const leader = { walLocation: 2_000_000, receivedLocation: null, replayedLocation: null };

describe("lagOf", () => {
  test("a polled member without a fresh answer: unknown lag, whatever the DCS still says", () => {
    assert.deepEqual(lagOf(dcs, null, leader, false, true), {
      receiveLsn: null,
      replayLsn: null,
      receiveLagBytes: null,
      replayLagBytes: null,
      lagSource: null,
    });
  });

  test("a member we do not poll: the DCS lag", () => {
    const lag = lagOf(dcs, null, leader, false, false);
    assert.equal(lag.lagSource, "dcs");
    assert.equal(lag.receiveLagBytes, 1_900_000);
  });

  test("a fresh answer: live lag against the leader's position", () => {
    const lag = lagOf(
      dcs,
      { walLocation: null, receivedLocation: 1_999_000, replayedLocation: 1_998_000 },
      leader,
      false,
    );
    assert.equal(lag.lagSource, "live");
    assert.equal(lag.receiveLagBytes, 1000);
    assert.equal(lag.replayLagBytes, 2000);
  });
});
