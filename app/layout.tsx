import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Header } from "@/components/layout/header";
import { THEME_COOKIE, themeFrom } from "@/components/layout/theme";
import { CATALOGS, createT } from "@/lib/i18n";
import { getLocale, getT } from "@/lib/i18n/server";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return {
    title: { default: t("app.name"), template: `%s · ${t("app.name")}` },
    description: t("app.description"),
  };
}

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#121922" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const store = await cookies();
  const locale = await getLocale();
  const theme = themeFrom(store.get(THEME_COOKIE)?.value);
  const t = createT(locale);
  return (
    <html lang={locale} data-theme={theme}>
      <body className="bg-bg text-text">
        <Providers locale={locale} messages={CATALOGS[locale]}>
          <a
            href="#main"
            className="sr-only focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
          >
            {t("app.skipToMain")}
          </a>
          <Header t={t} theme={theme} />
          <main id="main" className="mx-auto max-w-[1800px] px-4 py-4 lg:px-6">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
