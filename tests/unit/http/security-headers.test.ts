import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  contentSecurityPolicy,
  frameAncestors,
  malformedSegment,
  staticSecurityHeaders,
} from "@/lib/server/http/security-headers";

describe("security headers", () => {
  test("nothing may frame the dashboard unless FRAME_ANCESTORS lists origins", () => {
    assert.equal(frameAncestors(undefined), "'none'");
    assert.equal(frameAncestors(""), "'none'");
    assert.equal(
      frameAncestors("https://grafana.example.com, http://wiki.lan:8080 'self'"),
      "https://grafana.example.com http://wiki.lan:8080 'self'",
    );
  });

  test("anything that is not an origin is dropped, so a typo cannot open the policy", () => {
    assert.equal(frameAncestors("* https://*.example.com javascript:alert(1) 'unsafe-inline';x"), "'none'");
    assert.equal(frameAncestors("https://ok.example; script-src *"), "'none'");
  });

  test("X-Frame-Options only when nothing may frame", () => {
    assert.equal(staticSecurityHeaders("'none'")["X-Frame-Options"], "DENY");
    assert.equal(staticSecurityHeaders("https://a.example")["X-Frame-Options"], undefined);
    assert.equal(staticSecurityHeaders("'none'")["X-Content-Type-Options"], "nosniff");
    assert.equal(staticSecurityHeaders("'none'")["Referrer-Policy"], "no-referrer");
  });

  test("scripts need the nonce; eval only in development", () => {
    const prod = contentSecurityPolicy({ nonce: "abc", dev: false, frameAncestors: "'none'" });
    assert.match(prod, /script-src 'self' 'nonce-abc' 'strict-dynamic';/);
    assert.doesNotMatch(prod, /unsafe-eval|script-src[^;]*unsafe-inline/);
    assert.match(prod, /object-src 'none'/);
    assert.match(prod, /frame-ancestors 'none'$/);
    const dev = contentSecurityPolicy({ nonce: "abc", dev: true, frameAncestors: "'none'" });
    assert.match(dev, /'unsafe-eval'/);
  });

  test("malformed percent-encoding is found per segment", () => {
    assert.equal(malformedSegment("/api/clusters/demo"), null);
    assert.equal(malformedSegment("/api/clusters/my%20scope%2F%C3%BC%25"), null);
    assert.equal(malformedSegment("/api/clusters/%E0%A4%A/nodes/x"), "%E0%A4%A");
    assert.equal(malformedSegment("/api/clusters/x/nodes/%"), "%");
  });
});
