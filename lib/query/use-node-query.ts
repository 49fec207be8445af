"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { nodeDetailSchema, type NodeDetail } from "@/lib/domain/contracts";
import { fetchJson } from "./fetch-json";
import { healthKeys, healthPaths } from "./health-keys";
import { ErrorStreak, nextPollDelay } from "./polling";

// The node page's one polling observer. Same rules as useLiveQuery (no overlap, back-off after
// errors, paused in background tabs unless kiosk, no retries on top of polling); the interval comes
// from the page, because the node view does not carry the server's poll interval.

export function useNodeQuery(options: {
  cluster: string;
  member: string;
  initialData: NodeDetail;
  pollIntervalMs: number;
  kiosk: boolean;
}) {
  const [streak] = useState(() => new ErrorStreak());
  const url = healthPaths.node(options.cluster, options.member);
  const query = useQuery<NodeDetail, Error, NodeDetail, readonly unknown[]>({
    queryKey: healthKeys.node(options.cluster, options.member),
    queryFn: ({ signal }) => streak.track(() => fetchJson(url, nodeDetailSchema, { signal })),
    initialData: options.initialData,
    refetchInterval: (query) =>
      nextPollDelay({
        baseMs: options.pollIntervalMs,
        fetching: query.state.fetchStatus === "fetching",
        consecutiveErrors: streak.count,
      }),
    refetchIntervalInBackground: options.kiosk,
    retry: false,
  });
  const data: NodeDetail = query.data ?? options.initialData;
  return { data, receivedAt: query.dataUpdatedAt, serverError: query.isError ? query.error : null };
}
