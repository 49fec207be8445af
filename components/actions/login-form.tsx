"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useT } from "@/lib/i18n/client";
import { Panel } from "@/components/ui/panel";

export function LoginForm({ next, configured }: { next: string; configured: boolean }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const res = await fetch("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
    });
    if (res.status === 204) {
      window.location.assign(next);
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    setError(
      res.status === 401
        ? t("login.wrong")
        : res.status === 429
          ? t("login.tooMany")
          : res.status === 404
            ? t("login.notConfigured")
            : t("login.failed", { error: body.error ?? String(res.status) }),
    );
  };
  if (!configured)
    return (
      <div className="mx-auto w-full max-w-sm">
        <Panel id="login" title={t("login.title")}>
          <div className="flex flex-col gap-3 text-sm" data-testid="login-not-configured">
            <p>{t("login.notConfigured")}</p>
            <Link href="/" className="font-semibold text-accent-strong hover:underline">
              {t("login.backToOverview")}
            </Link>
          </div>
        </Panel>
      </div>
    );
  return (
    <div className="mx-auto w-full max-w-sm">
      <Panel id="login" title={t("login.title")}>
        <form className="flex flex-col gap-3" onSubmit={(e) => void submit(e)} data-testid="login-form">
          <label className="flex flex-col gap-1 text-sm">
            {t("login.username")}
            <input
              name="username"
              autoComplete="username"
              required
              className="rounded-md border border-line bg-surface px-2 py-1"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("login.password")}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="rounded-md border border-line bg-surface px-2 py-1"
            />
          </label>
          {error ? (
            <p role="alert" className="text-sm text-crit" data-testid="login-error">
              {error}
            </p>
          ) : null}
          <button
            type="submit"
            className="rounded-md border border-line bg-surface-2 px-2.5 py-1 text-sm font-semibold"
          >
            {t("login.submit")}
          </button>
        </form>
      </Panel>
    </div>
  );
}
