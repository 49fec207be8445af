"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useLocale, useT } from "@/lib/i18n/client";
import { LOCALE_COOKIE, LOCALES, isLocale } from "@/lib/i18n/core";
import { preferenceCookie } from "./theme";

// Sets the `locale` cookie and re-renders the server components: the server reads the cookie, so the
// HTML, the client text and <html lang> all switch together.
export function LangSwitch() {
  const t = useT();
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only sm:not-sr-only text-muted">{t("lang.label")}</span>
      <select
        data-testid="lang-switch"
        aria-label={t("lang.label")}
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          document.cookie = preferenceCookie(LOCALE_COOKIE, next);
          startTransition(() => router.refresh());
        }}
        className="rounded-md border border-line bg-surface px-2 py-1 text-sm text-text"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
