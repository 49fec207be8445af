"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { z } from "zod";
import { getQueryClient } from "@/lib/query/get-query-client";
import { I18nProvider } from "@/lib/i18n/client";
import type { Locale, Messages } from "@/lib/i18n/core";

// NOTE: zod probes whether `new Function` works (to compile faster parsers); under our CSP, which
// allows no eval, that probe is blocked and reported as a violation although zod catches it.
z.config({ jitless: true });

export function Providers({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  // NOTE: not useState(new QueryClient()): a suspending first render would throw that client away.
  // getQueryClient() keeps one per browser session and makes a new one per server render.
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider locale={locale} messages={messages}>
        {children}
      </I18nProvider>
    </QueryClientProvider>
  );
}
