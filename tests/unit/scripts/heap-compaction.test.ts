import { test } from "node:test";
import assert from "node:assert/strict";
import v8 from "node:v8";
import { compactHeap, scheduleHeapCompaction } from "@/scripts/heap-compaction.mjs";

// scripts/serve.mjs's periodic memory-reducing collection, on this process's own heap.

/** Fragments the old space: a few hundred thousand small objects survive among millions that die. */
function fragment(): object[][] {
  const kept: object[][] = [];
  for (let round = 0; round < 30; round += 1) {
    const batch: object[] = [];
    for (let i = 0; i < 100_000; i += 1) batch.push({ i, label: `node-${i}` });
    kept.push(batch.filter((_, j) => j % 7 === 0));
  }
  return kept;
}

test(
  "compactHeap hands reserved heap back to the system and leaves the process running",
  { timeout: 30_000 },
  async () => {
    const kept = fragment();
    const before = v8.getHeapStatistics().total_heap_size;
    const ms = await compactHeap();
    const after = v8.getHeapStatistics().total_heap_size;
    assert.ok(kept.length === 30, "the survivors are still reachable");
    assert.ok(ms > 0, `a duration, got ${ms}`);
    // A plain full collection frees the dead objects but keeps most pages reserved; this one compacts.
    assert.ok(after < before * 0.7, `reserved heap ${before >> 20} MB → ${after >> 20} MB`);
    // Twice in a row, and the event loop still turns: disconnecting the session inside its own reply
    // callback used to block the thread for good.
    await compactHeap();
    await new Promise((resolve) => setImmediate(resolve));
  },
);

test("scheduleHeapCompaction runs on its interval until stopped", { timeout: 30_000 }, async () => {
  const durations: number[] = [];
  const errors: unknown[] = [];
  let stop = () => {};
  // The schedule's timer never holds the process open (unref), so this test holds it while it waits.
  const awake = setInterval(() => {}, 1000);
  await new Promise<void>((resolve) => {
    stop = scheduleHeapCompaction(30, {
      onCompacted: (ms) => {
        durations.push(ms);
        if (durations.length === 2) resolve();
      },
      onError: (err) => errors.push(err),
    });
  });
  stop();
  await new Promise((resolve) => setTimeout(resolve, 300));
  clearInterval(awake);
  assert.equal(durations.length, 2, "no collection after stop");
  assert.deepEqual(errors, []);
});
