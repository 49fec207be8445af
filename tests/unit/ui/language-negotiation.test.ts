import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { localeFromQuery, negotiateLocale, parseAcceptLanguage, requestLocale } from "@/lib/i18n/negotiate";

describe("language negotiation", { timeout: 5000 }, () => {
  test("a Vietnamese browser gets Vietnamese, whatever the region", () => {
    assert.equal(negotiateLocale("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7"), "vi");
    assert.equal(negotiateLocale("vi"), "vi");
    assert.equal(negotiateLocale("VI-vn"), "vi");
  });

  test("q-values order the choice, not the order written", () => {
    assert.equal(negotiateLocale("en;q=0.5, vi-VN;q=0.9"), "vi");
    assert.equal(negotiateLocale("vi;q=0.4, en-GB;q=0.8"), "en");
    assert.equal(negotiateLocale("fr-FR, vi;q=0.3, en;q=0.2"), "vi", "skips a language we do not have");
  });

  test("no usable answer falls back to English", () => {
    assert.equal(negotiateLocale(undefined), "en");
    assert.equal(negotiateLocale(""), "en");
    assert.equal(negotiateLocale("fr-FR,de;q=0.5"), "en");
    assert.equal(negotiateLocale("*"), "en");
    assert.equal(negotiateLocale("vi;q=0"), "en", "q=0 means not acceptable");
    assert.equal(negotiateLocale("vi;q=abc, <script>"), "vi", "a broken q is ignored, a broken tag dropped");
  });

  test("parsing keeps ties in the written order", () => {
    assert.deepEqual(
      parseAcceptLanguage("en-US, vi;q=0.9, fr;q=0.9").map((r) => r.tag),
      ["en-us", "vi", "fr"],
    );
  });

  test("a saved choice beats the browser; an unknown cookie does not", () => {
    assert.equal(requestLocale("en", "vi-VN,vi;q=0.9"), "en");
    assert.equal(requestLocale("vi", "en-US"), "vi");
    assert.equal(requestLocale("de", "vi-VN"), "vi");
    assert.equal(requestLocale(undefined, "vi-VN"), "vi");
    assert.equal(requestLocale(undefined, undefined), "en");
  });

  test("?lang= accepts only our locales", () => {
    assert.equal(localeFromQuery("vi"), "vi");
    assert.equal(localeFromQuery(" EN "), "en");
    assert.equal(localeFromQuery("vi-VN"), null);
    assert.equal(localeFromQuery("fr"), null);
    assert.equal(localeFromQuery(null), null);
  });
});
