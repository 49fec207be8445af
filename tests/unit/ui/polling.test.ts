import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { freshness, staleAfterMs } from "@/lib/domain/freshness";
import { FetchError, fetchJson } from "@/lib/query/fetch-json";
import {
  DEFAULT_POLL_INTERVAL_MS,
  ErrorStreak,
  livePollingOptions,
  MAX_POLL_INTERVAL_MS,
  nextPollDelay,
} from "@/lib/query/polling";
import { clustersResponseSchema } from "@/lib/domain/contracts";

describe("nextPollDelay", () => {
  test("the data's own interval, default 5 s", () => {
    assert.equal(nextPollDelay({ baseMs: 2000, fetching: false, consecutiveErrors: 0 }), 2000);
    assert.equal(
      nextPollDelay({ baseMs: undefined, fetching: false, consecutiveErrors: 0 }),
      DEFAULT_POLL_INTERVAL_MS,
    );
    assert.equal(
      nextPollDelay({ baseMs: 0, fetching: false, consecutiveErrors: 0 }),
      DEFAULT_POLL_INTERVAL_MS,
    );
  });
  test("no tick while a fetch is in flight", () => {
    assert.equal(nextPollDelay({ baseMs: 5000, fetching: true, consecutiveErrors: 0 }), false);
    assert.equal(nextPollDelay({ baseMs: 5000, fetching: true, consecutiveErrors: 3 }), false);
  });
  test("doubles after each consecutive error, capped at 60 s", () => {
    const delays = [0, 1, 2, 3, 4, 5, 50].map((n) =>
      nextPollDelay({ baseMs: 5000, fetching: false, consecutiveErrors: n }),
    );
    assert.deepEqual(delays, [
      5000,
      10000,
      20000,
      40000,
      MAX_POLL_INTERVAL_MS,
      MAX_POLL_INTERVAL_MS,
      MAX_POLL_INTERVAL_MS,
    ]);
  });
});

describe("ErrorStreak", () => {
  test("counts consecutive failures and resets on success", async () => {
    const streak = new ErrorStreak();
    await assert.rejects(streak.track(() => Promise.reject(new Error("x"))));
    await assert.rejects(streak.track(() => Promise.reject(new Error("x"))));
    assert.equal(streak.count, 2);
    assert.equal(await streak.track(() => Promise.resolve(7)), 7);
    assert.equal(streak.count, 0);
  });
});

describe("livePollingOptions with a real QueryObserver", () => {
  test("interval from the data, false while fetching, no retries, background only in kiosk mode", async () => {
    const client = new QueryClient();
    const streak = new ErrorStreak();
    let release: (value: { pollIntervalMs: number }) => void = () => {};
    const observer = new QueryObserver(client, {
      queryKey: ["t"],
      queryFn: () =>
        streak.track(() => new Promise<{ pollIntervalMs: number }>((resolve) => (release = resolve))),
      ...livePollingOptions<{ pollIntervalMs: number }>(streak, false),
    });
    const options = livePollingOptions<{ pollIntervalMs: number }>(streak, false);
    assert.equal(options.retry, false);
    assert.equal(options.refetchIntervalInBackground, false);
    assert.equal(livePollingOptions(streak, true).refetchIntervalInBackground, true);
    const unsubscribe = observer.subscribe(() => {});
    const query = client.getQueryCache().find({ queryKey: ["t"] })!;
    assert.equal(query.state.fetchStatus, "fetching");
    assert.equal(options.refetchInterval(query as never), false);
    release({ pollIntervalMs: 3000 });
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(options.refetchInterval(query as never), 3000);
    streak.count = 2;
    assert.equal(options.refetchInterval(query as never), 12000);
    unsubscribe();
    client.clear();
  });

  test("a faster refresh the server asks for (a failover) wins over the poll interval", async () => {
    const client = new QueryClient();
    const streak = new ErrorStreak();
    type Data = { pollIntervalMs: number; refreshMs: number | null };
    const options = livePollingOptions<Data>(streak, false);
    const observer = new QueryObserver(client, {
      queryKey: ["f"],
      queryFn: (): Promise<Data> => Promise.resolve({ pollIntervalMs: 5000, refreshMs: 250 }),
      ...options,
    });
    const unsubscribe = observer.subscribe(() => {});
    await new Promise((r) => setTimeout(r, 0));
    const query = client.getQueryCache().find({ queryKey: ["f"] })!;
    assert.equal(options.refetchInterval(query as never), 250);
    query.setData({ pollIntervalMs: 5000, refreshMs: null });
    assert.equal(options.refetchInterval(query as never), 5000, "back to the interval once it is over");
    unsubscribe();
    client.clear();
  });
});

describe("freshness", () => {
  test("age = server-side age + time since the browser received it (no cross-clock subtraction)", () => {
    // server clock 1_000_000 ahead of the browser's: does not matter.
    const f = freshness(1_000_000 - 2_000, 1_000_000, 50_000, 51_000, 5_000);
    assert.deepEqual(f, { ageMs: 3_000, stale: false });
  });
  test("stale when either hop is older than two intervals", () => {
    assert.equal(staleAfterMs(5_000), 10_000);
    assert.equal(freshness(0, 10_000, 0, 0, 5_000).stale, false);
    assert.equal(freshness(0, 10_001, 0, 0, 5_000).stale, true);
    assert.equal(freshness(0, 0, 0, 10_001, 5_000).stale, true);
    // both hops just under the limit: a normal worst case, not stale.
    assert.equal(freshness(0, 9_000, 0, 9_000, 5_000).stale, false);
  });
  test("never observed: no age, stale", () => {
    assert.deepEqual(freshness(null, 1, 1, 1, 5_000), { ageMs: null, stale: true });
  });
});

describe("fetchJson", () => {
  const realFetch = globalThis.fetch;
  const withFetch = async (impl: typeof fetch, run: () => Promise<void>) => {
    globalThis.fetch = impl;
    try {
      await run();
    } finally {
      globalThis.fetch = realFetch;
    }
  };
  test("validates with the contract", async () => {
    const body = { clusters: [], pollIntervalMs: 5000, generatedAt: 1 };
    await withFetch(
      async () => Response.json(body),
      async () => {
        assert.deepEqual(await fetchJson("/api/clusters", clustersResponseSchema), body);
      },
    );
  });
  test("classifies failures: network, http (with the server's message), parse", async () => {
    await withFetch(
      async () => Promise.reject(new TypeError("fetch failed")),
      async () => {
        await assert.rejects(
          fetchJson("/x", clustersResponseSchema),
          (e) => e instanceof FetchError && e.kind === "network",
        );
      },
    );
    await withFetch(
      async () => Response.json({ error: 'no cluster named "x"' }, { status: 404 }),
      async () => {
        await assert.rejects(
          fetchJson("/x", clustersResponseSchema),
          (e) =>
            e instanceof FetchError && e.kind === "http" && e.status === 404 && /no cluster/.test(e.message),
        );
      },
    );
    await withFetch(
      async () => Response.json({ clusters: "nope" }),
      async () => {
        await assert.rejects(
          fetchJson("/x", clustersResponseSchema),
          (e) => e instanceof FetchError && e.kind === "parse",
        );
      },
    );
  });
});
