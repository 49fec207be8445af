// Theme choice: light, dark, or system (the OS decides through prefers-color-scheme). Remembered in
// the `theme` cookie so the server renders <html data-theme> right and there is no flash on load.

export const THEMES = ["light", "dark", "system"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";
export const DEFAULT_THEME: Theme = "system";

export function themeFrom(value: string | undefined | null): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : DEFAULT_THEME;
}

/** A year-long, site-wide, non-secret preference cookie. */
export function preferenceCookie(name: string, value: string): string {
  return `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
