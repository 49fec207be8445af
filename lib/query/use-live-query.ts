"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { fetchJson } from "./fetch-json";
import { ErrorStreak, livePollingOptions, nextPollDelay } from "./polling";

// The one polling observer of a screen: called once, in the screen's client island, which hands the
// data to its widgets as props. Seeded with the server's snapshot, so the first paint has data.

interface Live {
  pollIntervalMs: number;
  generatedAt: number;
}

export function useLiveQuery<S extends z.ZodType<Live>>(options: {
  queryKey: readonly unknown[];
  url: string;
  schema: S;
  initialData: z.infer<S>;
  kiosk: boolean;
}) {
  const [streak] = useState(() => new ErrorStreak());
  const query = useQuery<z.infer<S>, Error, z.infer<S>, readonly unknown[]>({
    queryKey: options.queryKey,
    queryFn: ({ signal }) => streak.track(() => fetchJson(options.url, options.schema, { signal })),
    initialData: options.initialData,
    ...livePollingOptions<z.infer<S>>(streak, options.kiosk),
  });
  // NOTE: with initialData the query always has data; the fallback only satisfies the generic types.
  const data: z.infer<S> = query.data ?? options.initialData;
  /** When the browser got the data it shows (client clock); seeded data counts from hydration. */
  const receivedAt = query.dataUpdatedAt;
  /** A refetch failed: our own server is unreachable or broken. The last data stays on screen. */
  const serverError = query.isError ? query.error : null;
  const retryMs =
    nextPollDelay({ baseMs: data.pollIntervalMs, fetching: false, consecutiveErrors: streak.count }) ||
    data.pollIntervalMs;
  return { data, receivedAt, serverError, retryMs, refetch: query.refetch };
}
