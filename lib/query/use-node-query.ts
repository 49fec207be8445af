"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { nodeDetailSchema, type NodeDetail } from "@/lib/domain/contracts";
import { fetchJson } from "./fetch-json";
import { apiPaths, queryKeys } from "./keys";
import { ErrorStreak, pollingOptions } from "./polling";
import { useNewerSnapshot } from "./use-newer-snapshot";

// The node page's one polling observer, with the same polling rules as every screen (polling.ts); the
// interval comes from the page, because the node view does not carry the server's poll interval.

export function useNodeQuery(options: {
  cluster: string;
  member: string;
  initialData: NodeDetail;
  pollIntervalMs: number;
  kiosk: boolean;
}) {
  const [streak] = useState(() => new ErrorStreak());
  const url = apiPaths.node(options.cluster, options.member);
  const queryKey = queryKeys.node(options.cluster, options.member);
  // The node view has no generatedAt: its newest observation of the node decides.
  useNewerSnapshot<NodeDetail>(
    queryKey,
    options.initialData,
    (s, held) => (s.observedAt ?? 0) > (held.observedAt ?? 0),
  );
  const query = useQuery<NodeDetail, Error, NodeDetail, readonly unknown[]>({
    queryKey,
    queryFn: ({ signal }) => streak.track(() => fetchJson(url, nodeDetailSchema, { signal })),
    initialData: options.initialData,
    ...pollingOptions<NodeDetail>(streak, options.kiosk, () => options.pollIntervalMs),
  });
  const data: NodeDetail = query.data ?? options.initialData;
  return { data, receivedAt: query.dataUpdatedAt, serverError: query.isError ? query.error : null };
}
