import "server-only";
import http from "node:http";
import https from "node:https";

// One POST of a JSON body to a webhook: a deadline over the whole exchange, no redirects followed,
// the answer's body read only up to a few KB (a receiver's error text, for the record).

export type PostResult =
  { ok: true; status: number } | { ok: false; status: number | null; error: string; retryable: boolean };

const MAX_ANSWER_BYTES = 4096;

export function postJson(url: string, body: string, timeoutMs: number): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(result);
    };
    const req = (target.protocol === "https:" ? https : http).request(
      target,
      {
        method: "POST",
        agent: false,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "patroni-dashboard",
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_ANSWER_BYTES) res.destroy();
        });
        const done = () => {
          if (status >= 200 && status < 300) finish({ ok: true, status });
          // 408 and 429 say "later"; 5xx may pass; any other 4xx will fail the same way again.
          else
            finish({
              ok: false,
              status,
              error: `HTTP ${status}`,
              retryable: status >= 500 || status === 408 || status === 429,
            });
        };
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      },
    );
    const deadline = setTimeout(() => {
      finish({ ok: false, status: null, error: `no answer within ${timeoutMs / 1000} s`, retryable: true });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err: NodeJS.ErrnoException) =>
      // NOTE: the error text of a connection failure names the host, never the path.
      finish({ ok: false, status: null, error: err.code ?? err.message, retryable: true }),
    );
    req.end(body);
  });
}
