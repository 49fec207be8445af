"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

/**
 * Puts the server's snapshot into the cache when it is newer than what the cache holds, once, as the
 * screen mounts. NOTE: `initialData` alone is ignored once a key has data, and refetchOnMount is off,
 * so coming back to a screen would show the previous visit's older data until the next poll.
 * TanStack notifies observers asynchronously, so writing here during the first render is safe.
 */
export function useNewerSnapshot<D>(
  queryKey: readonly unknown[],
  snapshot: D,
  isNewer: (snapshot: D, held: D) => boolean,
): void {
  const client = useQueryClient();
  useState(() => {
    const held = client.getQueryData<D>(queryKey);
    if (held !== undefined && isNewer(snapshot, held)) client.setQueryData<D>(queryKey, snapshot);
    return null;
  });
}
