import { isServer, QueryClient } from "@tanstack/react-query";

// One QueryClient per browser session (module singleton), a fresh one per server render so requests
// never share a cache. Polling is the retry: retry is off everywhere.

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnMount: false, refetchOnWindowFocus: true, refetchOnReconnect: true },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
