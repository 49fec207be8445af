import "server-only";
import { cookies } from "next/headers";
import { createT, localeFrom, LOCALE_COOKIE, type Locale, type T } from "./index";

// The locale of the current request, from the `locale` cookie. Reading cookies makes the page dynamic,
// which the dashboard is anyway (it shows live data).

export async function getLocale(): Promise<Locale> {
  return localeFrom((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getT(): Promise<{ t: T; locale: Locale }> {
  const locale = await getLocale();
  return { t: createT(locale), locale };
}
