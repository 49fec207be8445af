import http from "node:http";
import type { AddressInfo } from "node:net";

// A real local HTTP server that stands in for a chat or incident webhook: records every POST and
// answers with the status codes a test queues (200 once the queue is empty), or holds the answer.

export interface Received {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
  at: number;
}

export interface WebhookReceiver {
  url(path?: string): string;
  received: Received[];
  /** Status codes for the next answers, in order. */
  answers: number[];
  /** While true, requests get no answer (a hung receiver). */
  hold: boolean;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<WebhookReceiver> {
  const held: http.ServerResponse[] = [];
  const receiver: WebhookReceiver = {
    url: (path = "/hook") => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received: [],
    answers: [],
    hold: false,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { unparsed: text };
      }
      receiver.received.push({
        path: req.url ?? "",
        contentType: req.headers["content-type"],
        body,
        at: Date.now(),
      });
      if (receiver.hold) {
        held.push(res);
        return;
      }
      res.statusCode = receiver.answers.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return receiver;
}

/** Waits (real time) until `check` holds; throws after `ms`. */
export async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
