import { test } from "node:test";

// A test that never ends, with a timer keeping the process alive (as a forgotten poller would).
test("never ends", async () => {
  setInterval(() => {}, 100);
  await new Promise(() => {});
});
