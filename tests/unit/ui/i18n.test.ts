import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ALERT_CODES } from "@/lib/domain/alert-codes";
import {
  CLUSTER_READINESS_REASONS,
  ERROR_KINDS,
  MEMBER_ROLES,
  READINESS_REASONS,
  SEVERITIES,
  TONES,
} from "@/lib/domain/constants";
import { PROBE_ENDPOINTS } from "@/lib/domain/endpoints";
import { en } from "@/lib/i18n/en";
import { enDiagnostics } from "@/lib/i18n/en-diagnostics";
import { viDiagnostics } from "@/lib/i18n/vi-diagnostics";
import { vi } from "@/lib/i18n/vi";
import { createT, interpolate, isLocale, localeFrom } from "@/lib/i18n";
import {
  errorKindLabel,
  PROBLEM_CODES,
  problemDescription,
  problemLine,
  problemTitle,
  roleLabel,
  stateLabel,
} from "@/lib/i18n/labels";

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Words that stay the same in Vietnamese: technical terms and names. A vi value may equal the English
 * one only if nothing is left once these, {params}, digits and punctuation are removed.
 */
const SAME_IN_BOTH = [
  "Patroni",
  "Dashboard",
  "PostgreSQL",
  "English",
  "Tiếng Việt",
  "Leader",
  "Timeline",
  "TL",
  "LSN",
  "WAL",
  "Member",
  "REST",
  "API",
  "Node",
];

function onlyTechnical(text: string): boolean {
  let rest = text.replace(/\{\w+\}/g, " ");
  for (const word of SAME_IN_BOTH) rest = rest.split(word).join(" ");
  return /^[\s\d\p{P}\p{S}]*$/u.test(rest);
}

describe("catalogs", () => {
  test("vi has exactly the keys of en", () => {
    assert.deepEqual(Object.keys(vi).sort(), Object.keys(en).sort());
  });
  test("every vi message has the same {params} as its en message", () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      assert.deepEqual(params(vi[key]), params(en[key]), key);
    }
  });
  test("vi translates every message except technical terms and names", () => {
    const same = (Object.keys(en) as Array<keyof typeof en>).filter((key) => vi[key] === en[key]);
    const untranslated = same.filter((key) => !onlyTechnical(en[key]));
    assert.deepEqual(untranslated, []);
  });
  test("no empty messages", () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(vi)])
      assert.ok(value.trim().length > 0, key);
  });
});

describe("t()", () => {
  test("interpolates parameters and leaves unknown ones visible", () => {
    assert.equal(interpolate("updated {age} ago", { age: "3 s" }), "updated 3 s ago");
    assert.equal(interpolate("{a} and {b}", { a: 1 }), "1 and {b}");
    assert.equal(createT("en")("fresh.updatedAgo", { age: "3 s" }), "updated 3 s ago");
    assert.equal(createT("vi")("fresh.updatedAgo", { age: "3 giây" }), "cập nhật 3 giây trước");
  });
  test("locale from the cookie, English otherwise", () => {
    assert.equal(localeFrom("vi"), "vi");
    assert.equal(localeFrom("fr"), "en");
    assert.equal(localeFrom(undefined), "en");
    assert.ok(isLocale("en") && !isLocale("EN"));
  });
});

describe("domain words in both languages", () => {
  for (const locale of ["en", "vi"] as const) {
    const t = createT(locale);
    test(`${locale}: every role, tone, severity and error kind has a label`, () => {
      for (const role of MEMBER_ROLES) assert.ok(!roleLabel(t, role).startsWith("role."), role);
      for (const tone of TONES) assert.ok(!t(`tone.${tone}`).startsWith("tone."));
      for (const severity of SEVERITIES) assert.ok(!t(`severity.${severity}`).startsWith("severity."));
      for (const kind of ERROR_KINDS) assert.ok(!errorKindLabel(t, kind).startsWith("errorKind."), kind);
    });
    test(`${locale}: every problem code has a title and a one-line explanation`, () => {
      for (const code of PROBLEM_CODES) {
        assert.ok(!problemTitle(t, code).includes(`: ${code}`), `${code} title`);
        const description = problemDescription(t, code);
        assert.ok(description && !description.includes("\n"), `${code} description`);
      }
      assert.equal(
        problemTitle(t, "brand_new_code"),
        locale === "en" ? "Problem: brand_new_code" : "Sự cố: brand_new_code",
      );
    });
  }

  test("role names as patronictl prints them (en) and in Vietnamese DBA wording (vi)", () => {
    assert.deepEqual(
      MEMBER_ROLES.map((r) => roleLabel(createT("en"), r)),
      ["Leader", "Standby Leader", "Sync Standby", "Quorum Standby", "Replica"],
    );
    assert.equal(roleLabel(createT("vi"), "leader"), "Bản chính (leader)");
    assert.equal(roleLabel(createT("vi"), "sync_standby"), "Bản sao đồng bộ (sync standby)");
  });

  test("Patroni states: known ones translated, unknown ones shown as Patroni wrote them", () => {
    assert.equal(stateLabel(createT("en"), "creating replica"), "creating replica");
    assert.equal(stateLabel(createT("vi"), "creating replica"), "đang tạo bản sao");
    assert.equal(stateLabel(createT("vi"), "streaming"), "đang nhận WAL (streaming)");
    assert.equal(
      stateLabel(createT("vi"), "running custom bootstrap script"),
      "running custom bootstrap script",
    );
  });

  test("a problem line names the member and formats a lag detail as bytes", () => {
    const problem = {
      code: "lag_over_threshold",
      severity: "warning" as const,
      member: "node2",
      detail: "9604264",
    };
    assert.equal(problemLine(createT("en"), "en", problem), "node2: Lag over threshold (9.2 MB)");
    assert.equal(problemLine(createT("vi"), "vi", problem), "node2: Độ trễ vượt ngưỡng (9,2 MB)");
  });
});

describe("diagnostics catalogs", () => {
  test("en-diagnostics and vi-diagnostics have the same keys, all merged into en and vi", () => {
    assert.deepEqual(Object.keys(viDiagnostics).sort(), Object.keys(enDiagnostics).sort());
    for (const key of Object.keys(enDiagnostics)) assert.ok(key in en && key in vi, key);
  });
  test("every alert code has a title, an explanation and a check", () => {
    for (const code of ALERT_CODES) {
      for (const part of ["title", "explanation", "check"] as const) {
        for (const catalog of [en, vi] as Record<string, string>[])
          assert.ok(catalog[`alert.${code}.${part}`], `${code}.${part}`);
      }
    }
  });
  test("every readiness reason and every probed endpoint has words in both languages", () => {
    for (const reason of [...READINESS_REASONS, ...CLUSTER_READINESS_REASONS]) {
      assert.ok(en[`readiness.reason.${reason}`], reason);
      assert.notEqual(vi[`readiness.reason.${reason}`], en[`readiness.reason.${reason}`], reason);
    }
    for (const endpoint of PROBE_ENDPOINTS) assert.ok(vi[`matrix.explain.${endpoint}`], endpoint);
  });
});
