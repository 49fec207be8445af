import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { z } from "zod";
import { useLiveQuery } from "@/lib/query/use-live-query";

// Coming back to a screen: the cache still holds the previous visit's data, and the page brings a
// newer server snapshot. The screen must show the snapshot, never the older cached data.

const schema = z.object({ pollIntervalMs: z.number(), generatedAt: z.number(), label: z.string() });
type Data = z.infer<typeof schema>;
const KEY = ["cluster", "back-nav"] as const;

function Screen({ initial }: { initial: Data }) {
  const live = useLiveQuery({
    queryKey: KEY,
    url: "/api/never-fetched",
    schema,
    initialData: initial,
    kiosk: false,
  });
  return <p data-generated={live.data.generatedAt}>{live.data.label}</p>;
}

function visit(client: QueryClient, initial: Data): string {
  return renderToString(
    <QueryClientProvider client={client}>
      <Screen initial={initial} />
    </QueryClientProvider>,
  );
}

describe("a screen seeded with the server's snapshot", { timeout: 10_000 }, () => {
  test("a newer snapshot replaces the previous visit's cached data", () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnMount: false } } });
    try {
      client.setQueryData<Data>(KEY, { pollIntervalMs: 5000, generatedAt: 1_000, label: "old visit" });
      const html = visit(client, { pollIntervalMs: 5000, generatedAt: 9_000, label: "server snapshot" });
      assert.match(html, /server snapshot/);
      assert.doesNotMatch(html, /old visit/);
      assert.equal(client.getQueryData<Data>(KEY)?.generatedAt, 9_000, "the cache holds the snapshot too");
    } finally {
      client.clear();
    }
  });

  test("data fetched after the snapshot was made is kept (it is the newer one)", () => {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnMount: false } } });
    try {
      client.setQueryData<Data>(KEY, { pollIntervalMs: 5000, generatedAt: 12_000, label: "fresh poll" });
      const html = visit(client, { pollIntervalMs: 5000, generatedAt: 9_000, label: "server snapshot" });
      assert.match(html, /fresh poll/);
    } finally {
      client.clear();
    }
  });
});
