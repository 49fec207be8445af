import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatBytes, formatDateTime, formatDuration, formatNumber, formatTime } from "@/lib/domain/format";
import { formatLsn } from "@/lib/domain/lsn";

describe("formatBytes (1024-based, pg_size_pretty units)", () => {
  test("en", () => {
    assert.equal(formatBytes(0, "en"), "0 B");
    assert.equal(formatBytes(1023, "en"), "1,023 B");
    assert.equal(formatBytes(1024, "en"), "1 kB");
    assert.equal(formatBytes(1536, "en"), "1.5 kB");
    assert.equal(formatBytes(6920, "en"), "6.8 kB");
    assert.equal(formatBytes(512 * 1024, "en"), "512 kB");
    assert.equal(formatBytes(1_048_576, "en"), "1 MB");
    assert.equal(formatBytes(9_604_264, "en"), "9.2 MB");
    assert.equal(formatBytes(25 * 1024 ** 3, "en"), "25 GB");
    assert.equal(formatBytes(3 * 1024 ** 4, "en"), "3 TB");
  });
  test("vi uses a decimal comma and the same units", () => {
    assert.equal(formatBytes(1536, "vi"), "1,5 kB");
    assert.equal(formatBytes(9_604_264, "vi"), "9,2 MB");
    assert.equal(formatBytes(1023, "vi"), "1.023 B");
  });
  test("never prints 1024 of a unit: rounds up into the next one", () => {
    assert.equal(formatBytes(1024 * 1024 - 1, "en"), "1 MB");
    assert.equal(formatBytes(1024 * 1024 - 20_000, "en"), "1,004 kB");
  });
  test("negative values keep their sign", () => {
    assert.equal(formatBytes(-2048, "en"), "-2 kB");
  });
});

describe("formatDuration", () => {
  test("en: at most two units", () => {
    assert.equal(formatDuration(0, "en"), "0 s");
    assert.equal(formatDuration(3_400, "en"), "3 s");
    assert.equal(formatDuration(59_999, "en"), "59 s");
    assert.equal(formatDuration(60_000, "en"), "1 min");
    assert.equal(formatDuration(125_000, "en"), "2 min 5 s");
    assert.equal(formatDuration(3_600_000 + 4 * 60_000 + 9_000, "en"), "1 h 4 min");
    assert.equal(formatDuration(3 * 86_400_000 + 2 * 3_600_000, "en"), "3 d 2 h");
  });
  test("vi", () => {
    assert.equal(formatDuration(3_000, "vi"), "3 giây");
    assert.equal(formatDuration(125_000, "vi"), "2 phút 5 giây");
    assert.equal(formatDuration(7_200_000, "vi"), "2 giờ");
    assert.equal(formatDuration(86_400_000 * 12, "vi"), "12 ngày");
  });
  test("negative spans (clock skew) read as zero", () => {
    assert.equal(formatDuration(-5_000, "en"), "0 s");
  });
});

describe("numbers, dates, LSNs", () => {
  test("numbers follow the locale", () => {
    assert.equal(formatNumber(1234567, "en"), "1,234,567");
    assert.equal(formatNumber(1234567, "vi"), "1.234.567");
  });
  test("date and time on a 24-hour clock in the given time zone", () => {
    const at = Date.UTC(2026, 10, 25, 19, 24, 57);
    assert.equal(formatTime(at, "en", "UTC"), "19:24:57");
    assert.match(formatDateTime(at, "en", "UTC"), /^11\/25\/2026,? 19:24:57$/);
    assert.match(formatDateTime(at, "vi", "UTC"), /19:24:57.*25\/11\/2026/);
  });
  test("LSNs print as PostgreSQL does", () => {
    assert.equal(formatLsn(0x5294918), "0/5294918");
    assert.equal(formatLsn(0x16 * 2 ** 32 + 0xb374d848), "16/B374D848");
  });
});
