"use client";

import { createContext, useContext, type ReactNode } from "react";
import { createT, DEFAULT_LOCALE, type Locale, type T } from "./index";

// The locale travels from the root layout (which read the cookie on the server) through this context,
// so client components render exactly the text the server rendered.

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): T {
  return createT(useContext(LocaleContext));
}
