"use client";

import Link from "next/link";
import { useT } from "@/lib/i18n/client";
import { ErrorState } from "@/components/states/states";

// A render error below the root layout. The header (language, theme) stays usable.
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useT();
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4 py-10">
      <ErrorState
        title={t("error.title")}
        message={`${t("error.body")}${digest ? ` (${digest})` : ""}`}
        onRetry={retry}
      />
      <Link href="/" className="text-sm font-semibold underline">
        {t("notFound.home")}
      </Link>
    </div>
  );
}
