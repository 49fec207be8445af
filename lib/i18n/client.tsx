"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { makeT, type Locale, type Messages, type T } from "./core";

// The locale and its catalog travel from the root layout (which read the cookie on the server)
// through this context, so client components render exactly the text the server rendered, and the
// browser receives one catalog, not all of them. Switching language re-renders the layout
// (router.refresh()), which hands down the other catalog: no full reload.

interface I18n {
  locale: Locale;
  t: T;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({
  locale,
  messages,
  children,
}: {
  locale: Locale;
  messages: Messages;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ locale, t: makeT(messages) }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT/useLocale outside I18nProvider");
  return value;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

export function useT(): T {
  return useI18n().t;
}
