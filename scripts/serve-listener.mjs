// The request listener of scripts/serve.mjs, apart so that it can be tested without a build.

/** Set on every request to the TCP peer's address; a client's own value under this name never passes. */
export const PEER_HEADER = "x-dashboard-peer";

/** Overwrites x-dashboard-peer with the socket's peer address (node:http joins repeats: one delete is all). */
export function stampPeer(req) {
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
}

/**
 * node:http's request listener: stamps the peer, offers the request to `fastHook()` (when the compiled
 * app has published one; it answers or returns null), and hands everything else to Next's `handle`.
 */
export function createRequestListener(handle, fastHook) {
  const fast = async (req, res) => {
    const hook = fastHook();
    if (typeof hook !== "function") return false;
    const answer = await hook(req.method, req.url, req.headers);
    if (!answer) return false;
    const length = answer.body === null ? 0 : Buffer.byteLength(answer.body);
    res.writeHead(
      answer.status,
      answer.status === 304 ? answer.headers : { ...answer.headers, "Content-Length": length },
    );
    res.end(answer.body ?? undefined);
    return true;
  };
  return (req, res) => {
    stampPeer(req);
    fast(req, res)
      .then((done) => (done ? undefined : handle(req, res)))
      .catch((err) => {
        console.error("[serve] request failed:", err);
        if (!res.headersSent)
          res.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store" });
        res.end(JSON.stringify({ error: "internal error" }));
      });
  };
}
