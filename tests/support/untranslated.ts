import type { Page } from "playwright-core";
import { CATALOGS } from "@/lib/i18n";

// Finds English left on a page shown in Vietnamese: the English catalog's fragments (between
// {placeholders}) that the Vietnamese catalog does not also use, searched as whole words in the
// visible text and in aria-label / title / placeholder attributes. Text set as code (endpoint paths,
// config keys, pg_stat_replication values) is data, not words, and is left out.

export function englishFragments(): string[] {
  const en = CATALOGS.en as Record<string, string>;
  const vi = CATALOGS.vi as Record<string, string>;
  const viText = Object.values(vi).join("\n");
  return Object.keys(en)
    .filter((key) => en[key] !== vi[key])
    .flatMap((key) => en[key]!.split(/\{\w+\}/))
    .map((f) => f.trim())
    .filter((f) => f.length >= 5 && /[a-z]{3}/i.test(f) && !viText.includes(f));
}

export function containsWords(text: string, fragment: string): boolean {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\d_/.-])${escaped}(?![\\p{L}\\d_/-])`, "u").test(text);
}

/** The page's visible words (code and pre hidden) and its accessible labels. */
export async function pageWords(page: Page): Promise<{ text: string; labels: string }> {
  const text = await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "code, pre { display: none !important; }";
    document.head.appendChild(style);
    const visible = document.body.innerText;
    style.remove();
    return visible;
  });
  const labels = await page.evaluate(() =>
    [...document.querySelectorAll("[aria-label],[title],[placeholder]")]
      .map((el) => ["aria-label", "title", "placeholder"].map((a) => el.getAttribute(a) ?? "").join("\n"))
      .join("\n"),
  );
  return { text, labels };
}

/** English fragments found on the page; [] when everything is translated. */
export async function untranslatedOn(
  page: Page,
  fragments: string[],
): Promise<{ leftovers: string[]; text: string }> {
  const { text, labels } = await pageWords(page);
  return { leftovers: fragments.filter((f) => containsWords(text, f) || containsWords(labels, f)), text };
}
