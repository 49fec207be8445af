import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PatroniHttpClient } from "@/lib/server/patroni/client";
import { getConfig, getStatus } from "@/lib/server/patroni/api";
import { httpServer } from "../../support/servers";
import { body } from "../../support/fixtures";

// Regression: a node whose /patroni `tags` (or /config) nests 5,000 levels (10 KB, far under the body
// cap) made JSON.stringify throw RangeError during normalisation and failed the whole poll cycle.

const deep = "[".repeat(5000) + "]".repeat(5000);
const status = JSON.stringify(body("patroni-4", "a-healthy", "node2", "patroni")).replace(
  /^\{/,
  `{"tags": {"evil": ${deep}},`,
);

describe("deeply nested JSON from a real socket", () => {
  let server: Awaited<ReturnType<typeof httpServer>>;
  before(async () => {
    server = await httpServer((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(req.url === "/config" ? `{"ttl": 30, "postgresql": {"parameters": ${deep}}}` : status);
    });
  });
  after(() => server.close());
  const client = () =>
    new PatroniHttpClient({ url: server.url, auth: null, tls: null, timeoutMs: 1000, maxBodyBytes: 1 << 20 });

  test("/patroni is a parse error naming the node and the path", async () => {
    const res = await getStatus(client());
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "parse");
    assert.match(res.error.message, new RegExp(`^${server.url.replace(/\./g, "\\.")}/patroni: `));
    assert.match(res.error.message, /nested deeper than 64 levels/);
  });

  test("/config is refused the same way (it feeds the config diff)", async () => {
    const res = await getConfig(client());
    assert.ok(!res.ok);
    assert.equal(res.error.kind, "parse");
    assert.match(res.error.message, /\/config: .*nested deeper/);
  });
});
