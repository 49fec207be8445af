import { test } from "node:test";
import assert from "node:assert/strict";
import { EmptyState, ErrorState, LoadingState } from "@/components/states/states";
import { Badge } from "@/components/ui/badge";
import { Freshness } from "@/components/layout/freshness";
import { render, textOf } from "../../support/render";

test("loading, empty and error states say so in words, in the page's language", () => {
  assert.match(render(<LoadingState />), /role="status"[\s\S]*Loading…/);
  assert.match(render(<LoadingState />, "vi"), /Đang tải…/);
  assert.match(textOf(render(<EmptyState />, "vi")), /Không có gì để hiển thị/);
  const error = render(<ErrorState message="boom" onRetry={() => {}} />);
  assert.match(error, /role="alert"/);
  assert.equal(textOf(error), "Something went wrong boom Try again");
});

test("every badge tone carries an icon next to its word (never colour alone)", () => {
  for (const tone of ["ok", "warn", "crit", "unknown"] as const) {
    const html = render(<Badge variant={tone}>word</Badge>);
    assert.match(html, new RegExp(`data-tone="${tone}"`));
    assert.match(html, /<svg[^>]*aria-hidden="true"/);
    assert.equal(textOf(html), "word");
  }
});

test("freshness: a placeholder until mounted, then the age, and a stale badge with a word", () => {
  assert.equal(
    textOf(render(<Freshness ageMs={3000} stale={false} mounted={false} pollIntervalMs={5000} />)),
    "updated …",
  );
  assert.equal(
    textOf(render(<Freshness ageMs={3000} stale={false} mounted pollIntervalMs={5000} />)),
    "updated 3 s ago",
  );
  const stale = render(<Freshness ageMs={65_000} stale mounted pollIntervalMs={5000} />, "vi");
  assert.equal(textOf(stale), "cập nhật 1 phút 5 giây trước dữ liệu cũ");
  assert.match(stale, /<span[^>]*title="Cũ hơn 10 giây[^"]*"[^>]*data-testid="stale-badge"/);
  assert.equal(
    textOf(render(<Freshness ageMs={null} stale mounted pollIntervalMs={5000} />)),
    "no answer yet stale",
  );
});
