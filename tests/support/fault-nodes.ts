import { execFileSync } from "node:child_process";
import http from "node:http";
import https from "node:https";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { body } from "./fixtures";
import { blackHole, closedPort, httpServer, listen, type TestServer } from "./servers";

// Hostile and broken "Patroni nodes" on 127.0.0.1 for the fault matrix: each is a real socket that
// misbehaves in one way. Every server is closed by the test that starts it.

export interface FaultNode {
  name: string;
  url: string;
  /** Extra YAML lines for the cluster (e.g. the wrong CA for the TLS fault). */
  yaml: string[];
  /** The error kind the dashboard must show on this node, and words a person understands. */
  kind: string;
  reason: RegExp;
  close(): Promise<void>;
}

type Spec = Omit<FaultNode, "url" | "close" | "yaml"> & {
  start: () => Promise<{ url: string; close(): Promise<void>; yaml?: string[] }>;
};

const status = JSON.stringify(body("patroni-4", "a-healthy", "node2", "patroni"));

const answer =
  (code: number, text: string, type = "application/json"): http.RequestListener =>
  (_req, res) => {
    res.writeHead(code, { "Content-Type": type });
    res.end(text);
  };

const server = (handler: http.RequestListener) => async () => {
  const s = await httpServer(handler);
  return { url: s.url, close: () => s.close() };
};

function makeCerts(): { dir: string; wrongCa: string } {
  const dir = mkdtempSync(join(tmpdir(), "pd-fault-tls-"));
  const sh = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: "ignore", timeout: 30_000 });
  const selfSigned = (name: string, cn: string, san: string | null) =>
    sh([
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-subj",
      `/CN=${cn}`,
      ...(san ? ["-addext", `subjectAltName=${san}`] : []),
      "-keyout",
      `${name}.key`,
      "-out",
      `${name}.crt`,
    ]);
  selfSigned("server", "127.0.0.1", "IP:127.0.0.1");
  selfSigned("other-ca", "some other CA", null);
  return { dir, wrongCa: join(dir, "other-ca.crt") };
}

export const FAULTS: Spec[] = [
  {
    name: "refused",
    kind: "refused",
    reason: /connection refused/,
    start: async () => ({ url: `http://127.0.0.1:${await closedPort()}`, close: async () => undefined }),
  },
  {
    name: "accepts and hangs",
    kind: "timeout",
    reason: /no complete answer within/,
    start: async () => {
      const s: TestServer = await blackHole();
      return { url: `http://127.0.0.1:${s.port}`, close: () => s.close() };
    },
  },
  {
    name: "slow drip body",
    kind: "timeout",
    reason: /no complete answer within/,
    start: server((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"state": "running", ');
      const drip = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(drip));
    }),
  },
  { name: "503 with JSON", kind: "http", reason: /HTTP 503/, start: server(answer(503, status)) },
  {
    name: "401",
    kind: "auth",
    reason: /HTTP 401: access denied \(check restapi credentials/,
    start: server(answer(401, '{"error": "no auth header received"}')),
  },
  {
    name: "invalid JSON",
    kind: "parse",
    reason: /a body that is not JSON/,
    start: server(answer(200, '{"state": "running", "role":')),
  },
  {
    name: "an HTML page",
    kind: "parse",
    reason: /not JSON \("<!doctype html>/,
    start: server(answer(200, "<!doctype html><html><body>Welcome to nginx!</body></html>", "text/html")),
  },
  {
    name: "a 50 MB body",
    kind: "too_large",
    reason: /response body over 4194304 bytes/,
    start: server((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let left = 50 * 1024 * 1024;
      const pump = () => {
        while (left > 0) {
          left -= chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => (left = 0));
      pump();
    }),
  },
  {
    name: "TLS with the wrong CA",
    kind: "tls",
    reason: /TLS failed: .*(self-signed|SELF_SIGNED|unable to verify|UNABLE_TO)/i,
    start: async () => {
      const { dir, wrongCa } = makeCerts();
      const s = await listen(
        https.createServer(
          { key: readFileSync(join(dir, "server.key")), cert: readFileSync(join(dir, "server.crt")) },
          answer(200, status),
        ),
      );
      return { url: s.url, close: () => s.close(), yaml: ["    ctl:", `      cacert: ${wrongCa}`] };
    },
  },
  {
    name: "an unresolvable host name",
    kind: "dns",
    reason: /host name not resolved \(ENOTFOUND\)/,
    // The reserved .invalid TLD: the client answers it negatively itself, nothing leaves the machine.
    start: async () => ({ url: "http://patroni-fault.invalid:8008", close: async () => undefined }),
  },
  {
    name: "schema drift (unknown role and state, fields missing)",
    kind: "parse",
    reason: /unexpected response shape at patroni\.version/,
    start: server(
      answer(200, JSON.stringify({ state: "levitating", role: "witness", patroni: { scope: "x" } })),
    ),
  },
  {
    name: "deep nesting",
    kind: "parse",
    reason: /nested deeper than 64 levels/,
    start: server(
      answer(200, status.replace(/^\{/, `{"tags": {"evil": ${"[".repeat(5000)}${"]".repeat(5000)}},`)),
    ),
  },
  {
    name: "a 302 redirect",
    kind: "http",
    reason: /HTTP 302: a redirect, not followed/,
    start: server((_req, res) => {
      res.writeHead(302, { Location: "http://127.0.0.1:1/patroni" });
      res.end();
    }),
  },
];

export async function startFault(spec: Spec): Promise<FaultNode> {
  const started = await spec.start();
  return { ...spec, url: started.url, yaml: started.yaml ?? [], close: started.close };
}

/** A dashboard config: the lab's nodes plus the extra ones, polled every `poll` seconds. */
export function faultConfig(labUrls: string[], extra: FaultNode[], poll: number, timeout: number): string {
  const dir = mkdtempSync(join(tmpdir(), "pd-fault-"));
  const file = join(dir, "dashboard.yml");
  const lines = [
    `poll_interval: ${poll}`,
    `request_timeout: ${timeout}`,
    "probe_interval: 60",
    "clusters:",
    "  - name: lab",
    `    nodes: [${[...labUrls, ...extra.map((f) => f.url)].join(", ")}]`,
    "    discover: false",
    ...extra.flatMap((f) => f.yaml),
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}
