"use client";

import { enFatal, viFatal } from "@/lib/i18n/fatal";
import "./globals.css";

// An error in the root layout itself: this replaces the whole document, so neither the layout's
// locale nor its catalog is there. The few words it needs are shown in both languages (a small
// module both catalogs take them from), so a Vietnamese reader is not left with English only.
export default function GlobalError({
  error,
  retry,
}: {
  error: Error & { digest?: string };
  retry: () => void;
}) {
  return (
    <html lang="en">
      <body className="bg-bg text-text">
        <main className="mx-auto flex max-w-2xl flex-col gap-4 px-4 py-10" data-testid="global-error">
          {[enFatal, viFatal].map((words, index) => (
            <section key={index} lang={index === 0 ? "en" : "vi"} className="flex flex-col gap-1">
              <h1 className="text-lg font-semibold">{words["error.title"]}</h1>
              <p>
                {words["error.body"]}
                {error.digest ? ` (${error.digest})` : ""}
              </p>
            </section>
          ))}
          <button
            type="button"
            onClick={retry}
            className="self-start rounded-md border border-line bg-surface px-3 py-1 text-sm font-semibold"
          >
            {enFatal["states.retry"]} · {viFatal["states.retry"]}
          </button>
        </main>
      </body>
    </html>
  );
}
