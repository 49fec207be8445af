import { en } from "./en";
import { makeT, type Locale, type Messages, type T } from "./core";
import { vi } from "./vi";

// Both catalogs, for the server (which renders either language) and the tests. Client components
// import ./core and ./client instead: they get the active catalog from the root layout.

export * from "./core";

export const CATALOGS: Record<Locale, Messages> = { en, vi };

const cache = new Map<Locale, T>();

export function createT(locale: Locale): T {
  let t = cache.get(locale);
  if (!t) {
    t = makeT(CATALOGS[locale]);
    cache.set(locale, t);
  }
  return t;
}
