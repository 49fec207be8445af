// A memory-reducing full garbage collection, now and then, for a server that is never idle.
//
// V8 gives reserved heap back only after a compacting collection, and it compacts fully when the process
// goes quiet (its memory reducer) or when memory runs low. A dashboard polling a fleet every few seconds is
// never quiet: in a 2 h soak its heap in use stayed flat while the heap V8 kept reserved kept growing
// (old space ~115 MB reserved around 60–70 MB in use), about 1 MB of RSS per 1,000 poll cycles.
// The DevTools Protocol's HeapProfiler.collectGarbage runs that memory-reducing collection on demand; an
// in-process inspector session (node:inspector, no port opened) can send it. It stops the process for
// one full collection (82 ms on a 100-cluster server at a 1 s interval, against 5–50 ms for
// the usual ones), so it runs every few minutes, not every cycle.

/**
 * One memory-reducing full collection. Resolves with how long it took (ms); rejects if this Node has no
 * inspector (built without it) or the collection fails.
 */
export async function compactHeap() {
  // Loaded here, not at the top: on a Node built without an inspector, importing node:inspector throws,
  // and a top-level import would stop serve.mjs from starting instead of turning compaction off.
  const { Session } = await import("node:inspector");
  return new Promise((resolve, reject) => {
    const session = new Session();
    session.connect();
    const started = performance.now();
    session.post("HeapProfiler.collectGarbage", (err) => {
      const ms = performance.now() - started;
      // Not from inside this callback: on Node 20, disconnect() there blocks the thread for good
      // (the whole server would hang). On the next turn it is harmless.
      setImmediate(() => session.disconnect());
      if (err) reject(err);
      else resolve(ms);
    });
  });
}

/**
 * compactHeap() every intervalMs, on a timer that never keeps the process alive. onCompacted gets each
 * collection's duration (ms). A failure (a Node without an inspector) goes to onError once and stops
 * the schedule. Returns a function that stops it.
 */
export function scheduleHeapCompaction(intervalMs, { onCompacted = () => {}, onError = () => {} } = {}) {
  const timer = setInterval(() => {
    compactHeap().then(onCompacted, (err) => {
      clearInterval(timer);
      onError(err);
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
