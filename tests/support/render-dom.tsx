import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, configure, render, type RenderResult } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach } from "node:test";
import { I18nProvider } from "@/lib/i18n/client";
import { CATALOGS, type Locale } from "@/lib/i18n";

// Renders a component into the happy-dom document (tests/support/dom.ts, imported first) with the app's
// providers: effects run, and a test clicks and waits as a user would.

// waitFor gives up after 1 s by default: too short for a first request that starts a runtime on a
// loaded 2-core machine. The file's own timeout still bounds every test.
configure({ asyncUtilTimeout: 15_000 });

const clients = new Set<QueryClient>();

export function renderUi(
  node: ReactNode,
  { locale = "en", client }: { locale?: Locale; client?: QueryClient } = {},
): RenderResult & { client: QueryClient } {
  const queryClient = client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  clients.add(queryClient);
  const result = render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale} messages={CATALOGS[locale]}>
        {node}
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...result, client: queryClient };
}

/**
 * Unmounts what each test rendered (node:test has no global afterEach for Testing Library to find) and
 * empties its query clients, whose garbage-collection timers would otherwise outlive the test.
 */
export function cleanupAfterEach(): void {
  afterEach(() => {
    cleanup();
    for (const client of clients) client.clear();
    clients.clear();
  });
}
