import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startApp, type AppServer } from "../support/app-server";

// What the built app serves from public/ and app/ conventions: robots.txt asks every crawler to stay
// out (a dashboard of a company's databases is nobody's search result), and the favicon is served.

const BASE = Number(process.env.TEST_SIM_PORT ?? 28208) + 30;
const PORT = Number(process.env.TEST_APP_PORT ?? 23000) + 3;

let app: AppServer;

before(async () => {
  app = await startApp({ DEMO_PORTS: [BASE, BASE + 1, BASE + 2].join(",") }, PORT);
});

after(async () => {
  await app?.stop();
});

test("/robots.txt disallows everything for every crawler", { timeout: 30_000 }, async () => {
  const res = await fetch(`${app.url}/robots.txt`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^text\/plain/);
  const lines = (await res.text()).split("\n").map((line) => line.trim());
  assert.ok(lines.includes("User-agent: *"), lines.join("|"));
  assert.ok(lines.includes("Disallow: /"), lines.join("|"));
});

test("the favicon is served as SVG and linked from the page", { timeout: 30_000 }, async () => {
  const html = await (await fetch(`${app.url}/`)).text();
  const href = html.match(/<link rel="icon" href="([^"]+)"/)?.[1];
  assert.ok(href, "the page links an icon");
  const res = await fetch(new URL(href, app.url));
  assert.equal(res.status, 200);
  assert.match(res.headers.get("content-type") ?? "", /^image\/svg\+xml/);
});
