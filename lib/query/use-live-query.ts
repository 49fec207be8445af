"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { z } from "zod";
import { fetchJsonIfChanged } from "./fetch-json";
import { ErrorStreak, livePollingOptions, nextPollDelay, refreshEvery } from "./polling";
import { useNewerSnapshot } from "./use-newer-snapshot";

// The one polling observer of a screen: called once, in the screen's client island, which hands the
// data to its widgets as props. Seeded with the server's snapshot, so the first paint has data.

interface Live {
  pollIntervalMs: number;
  refreshMs?: number | null;
  generatedAt: number;
}

export function useLiveQuery<S extends z.ZodType<Live>>(options: {
  queryKey: readonly unknown[];
  url: string;
  schema: S;
  initialData: z.infer<S>;
  kiosk: boolean;
  /** The next refresh's URL from the data held (e.g. with ?since=); default: `url`. */
  urlFor?: (held: z.infer<S> | undefined) => string;
  /** Combines the held data with an answer (e.g. appends an increment); default: the answer. */
  merge?: (held: z.infer<S> | undefined, answer: z.infer<S>) => z.infer<S>;
}) {
  const [streak] = useState(() => new ErrorStreak());
  // The ETag of the last answer and the URL it answered: offered back so an unchanged answer is a 304.
  const [validator] = useState(() => ({ url: "", etag: null as string | null }));
  const client = useQueryClient();
  useNewerSnapshot<z.infer<S>>(
    options.queryKey,
    options.initialData,
    (s, held) => s.generatedAt > held.generatedAt,
  );
  const query = useQuery<z.infer<S>, Error, z.infer<S>, readonly unknown[]>({
    queryKey: options.queryKey,
    queryFn: ({ signal }) =>
      streak.track(async () => {
        const held = client.getQueryData<z.infer<S>>(options.queryKey);
        const url = options.urlFor ? options.urlFor(held) : options.url;
        const etag = held !== undefined && validator.url === url ? validator.etag : null;
        const answer = await fetchJsonIfChanged(url, options.schema, { signal, etag });
        // NOTE: a 304 keeps the held data (same bytes, so the same generatedAt) and still counts as a
        // successful refresh: the server answered, and what it holds is what the screen shows.
        if (answer.unchanged) return held as z.infer<S>;
        validator.url = url;
        validator.etag = answer.etag;
        return options.merge ? options.merge(held, answer.data) : answer.data;
      }),
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
    nextPollDelay({ baseMs: refreshEvery(data), fetching: false, consecutiveErrors: streak.count }) ||
    data.pollIntervalMs;
  return { data, receivedAt, serverError, retryMs, refetch: query.refetch };
}
