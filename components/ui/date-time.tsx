"use client";

import { formatDateTime } from "@/lib/domain/format";
import { useLocale } from "@/lib/i18n/client";

/**
 * An absolute time in the viewer's own time zone. NOTE: time zones differ between server and browser,
 * so the text is filled in only once mounted (the caller passes `mounted` from useNow() !== null);
 * the server and the hydrating client both render the same placeholder.
 */
export function DateTime({ ms, mounted, className }: { ms: number; mounted: boolean; className?: string }) {
  const locale = useLocale();
  return (
    <time dateTime={new Date(ms).toISOString()} className={className}>
      {mounted ? formatDateTime(ms, locale) : "…"}
    </time>
  );
}
