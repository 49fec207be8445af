import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type { Browser } from "playwright-core";
import { startApp, type AppServer } from "../support/app-server";
import { launchBrowser, openPage } from "../support/browser";
import { renamedNode } from "../support/renamed-node";
import type { TestServer } from "../support/servers";

// The built app (`next start`) as a browser meets it: security headers on every response, a CSP that
// Next's own scripts satisfy (the page hydrates with no violation), JSON 400 for malformed /api paths,
// and pages that agree with the API on names with reserved characters.

const SCOPE = "my scope/ü%";
const MEMBER = "pg 1/ü%#?";
let node: TestServer;
let app: AppServer;
let browser: Browser;

before(async () => {
  node = await renamedNode(MEMBER, SCOPE);
  app = await startApp({ PATRONI_NODES: node.url });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await node?.close();
});

describe("security headers", () => {
  test("every kind of response carries them: page, API, 404, static chunk, icon", async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    const chunk = html.match(/src="(\/_next\/static\/[^"]+\.js)"/)?.[1];
    assert.ok(chunk, "the page loads a static chunk");
    for (const path of [
      "/",
      "/api/clusters",
      "/api/healthz",
      "/no-such-page",
      "/api/clusters/nope",
      chunk,
      "/icon.svg",
    ]) {
      const res = await fetch(`${app.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-eval/, `${path}: production build`);
      assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(res.headers.get("referrer-policy"), "no-referrer", path);
      await res.arrayBuffer(); // read to the end: an unread body keeps its socket open past the test
    }
  });

  test("the nonce is fresh per response and on every script Next renders", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${app.url}/`);
      const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy")!)![1]!;
      nonces.add(nonce);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      assert.ok(scripts.length > 0);
      for (const tag of scripts) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    }
    assert.equal(nonces.size, 3);
  });

  test("in Chromium the page hydrates under the policy: no violation, no console error", async () => {
    const { page, context, problems } = await openPage(browser, { baseUrl: app.url });
    try {
      await context.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { __violations: string[] }).__violations = seen;
        document.addEventListener("securitypolicyviolation", (e) =>
          seen.push(
            `${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
          ),
        );
      });
      await page.goto(`${app.url}/clusters/${encodeURIComponent(SCOPE)}`);
      // window.next is set by Next's client bootstrap: scripts ran.
      await page.waitForFunction(
        () => (window as unknown as { next?: { version?: string } }).next?.version,
        null,
        {
          timeout: 15_000,
        },
      );
      // Client-side navigation works (the member link is rendered and followed by the router).
      await page.getByRole("link", { name: MEMBER }).first().click();
      await page.waitForURL(/\/nodes\//, { timeout: 15_000 });
      await page.getByText(MEMBER).first().waitFor({ timeout: 15_000 });
      const violations = await page.evaluate(
        () => (window as unknown as { __violations: string[] }).__violations,
      );
      assert.deepEqual(violations, []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});

describe("paths and names", () => {
  test("malformed percent-encoding in an /api path is a JSON 400, not a plain-text 500", async () => {
    for (const path of ["/api/clusters/%E0%A4%A", "/api/clusters/x/nodes/%ZZ", "/api/clusters/%"]) {
      const res = await fetch(`${app.url}${path}`);
      assert.equal(res.status, 400, path);
      assert.match(res.headers.get("content-type") ?? "", /application\/json/);
      assert.equal(res.headers.get("cache-control"), "no-store");
      const body = (await res.json()) as { error: string };
      assert.match(body.error, /malformed percent-encoding/);
    }
  });

  test("a page and its API agree on names with spaces, '/', '%', '#', '?' and non-ASCII letters", async () => {
    const clusters = (await (await fetch(`${app.url}/api/clusters`)).json()) as {
      clusters: { name: string }[];
    };
    assert.deepEqual(
      clusters.clusters.map((c) => c.name),
      [SCOPE],
    );
    const c = encodeURIComponent(SCOPE);
    const m = encodeURIComponent(MEMBER);
    for (const [page, api] of [
      [`/clusters/${c}`, `/api/clusters/${c}`],
      [`/clusters/${c}/nodes/${m}`, `/api/clusters/${c}/nodes/${m}`],
      [`/clusters/${c}x`, `/api/clusters/${c}x`],
      [`/clusters/${c}/nodes/${m}x`, `/api/clusters/${c}/nodes/${m}x`],
    ] as const) {
      const [p, a] = await Promise.all([fetch(`${app.url}${page}`), fetch(`${app.url}${api}`)]);
      await Promise.all([p.arrayBuffer(), a.arrayBuffer()]);
      assert.equal(p.status, a.status, `${page} ${p.status} vs ${api} ${a.status}`);
    }
    const pageHtml = await (await fetch(`${app.url}/clusters/${c}/nodes/${m}`)).text();
    assert.ok(pageHtml.includes("pg 1/ü%#?"), "the member's name, decoded, is on its page");
  });
});
