import { GlobalRegistrator } from "@happy-dom/global-registrator";

// A browser-like document (happy-dom) on globalThis, for component tests that render, click and wait.
// Import this module FIRST in the test file: React DOM decides when it is loaded whether it runs in a
// browser. Files that import it start with `// test-process: dom`, so scripts/run-tests.mjs runs them
// in a process of their own and the globals never reach the server-rendering tests.
if (!GlobalRegistrator.isRegistered) {
  GlobalRegistrator.register({ url: "http://127.0.0.1/", width: 1366, height: 768 });
  // Closed once every file of the process has run (scripts/test-entry.mjs runs these before its leak
  // check): the window keeps a timer of its own.
  const key = Symbol.for("run-tests.teardown");
  const holder = globalThis as { [key]?: (() => Promise<void>)[] };
  (holder[key] ??= []).push(() => GlobalRegistrator.unregister());
}

/** Points the document at a (test) server, so the components' relative fetches reach it. */
export function setDocumentUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}
