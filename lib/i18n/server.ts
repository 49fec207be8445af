import "server-only";
import { cookies, headers } from "next/headers";
import { createT, LOCALE_COOKIE, type Locale, type T } from "./index";
import { requestLocale } from "./negotiate";

// The locale of the current request: the `locale` cookie, else the browser's Accept-Language (the
// proxy has already turned a `?lang=` link into the cookie). Reading them makes the page dynamic,
// which the dashboard is anyway (it shows live data).

export async function getLocale(): Promise<Locale> {
  const [store, head] = await Promise.all([cookies(), headers()]);
  return requestLocale(store.get(LOCALE_COOKIE)?.value, head.get("accept-language"));
}

export async function getT(): Promise<{ t: T; locale: Locale }> {
  const locale = await getLocale();
  return { t: createT(locale), locale };
}
