// The request listener of scripts/serve.mjs, apart so that it can be tested without a build.

/** Set on every request to the TCP peer's address; a client's own value under this name never passes. */
export const PEER_HEADER = "x-dashboard-peer";

/** Overwrites x-dashboard-peer with the socket's peer address (node:http joins repeats: one delete is all). */
export function stampPeer(req) {
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
}

/**
 * Hands requests to Next at most `perTurn` per turn of the event loop, the rest in arrival order on
 * later turns (setImmediate). Next runs most of a request in one stretch of promise callbacks (~2 ms
 * of CPU); 200 requests read in one turn used to run back to back, and every socket event of the
 * poller waited behind all of them: under 200 clients flat out on /api/status its cycles fell to a
 * quarter of their pace. Short turns let those events through between batches (BENCHMARKS.md,
 * cadence under load). Returns admit(run).
 */
export function createTurnGate(perTurn) {
  const waiting = [];
  let scheduled = false;
  const pump = () => {
    try {
      for (let started = 0; started < perTurn && waiting.length > 0; started++) waiting.shift()();
    } finally {
      // A run that threw (they should not) never stalls the ones behind it.
      scheduled = waiting.length > 0;
      if (scheduled) setImmediate(pump);
    }
  };
  return (run) => {
    waiting.push(run);
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };
}

/**
 * node:http's request listener: stamps the peer, offers the request to `fastHook()` (when the compiled
 * app has published one; it answers or returns null), and hands everything else to Next's `handle`,
 * through `admit` (createTurnGate) when given.
 */
export function createRequestListener(handle, fastHook, admit = (run) => run()) {
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
      .then((done) =>
        done
          ? undefined
          : // handle() runs in a promise callback: one that throws at once is a rejection (a 500 below).
            new Promise((admitted) => admit(admitted)).then(() => handle(req, res)),
      )
      .catch((err) => {
        console.error("[serve] request failed:", err);
        if (!res.headersSent)
          res.writeHead(500, { "Content-Type": "application/json", "Cache-Control": "no-store" });
        res.end(JSON.stringify({ error: "internal error" }));
      });
  };
}
