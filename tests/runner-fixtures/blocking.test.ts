import { test } from "node:test";

// A test that blocks the event loop: no timeout inside the process can fire.
test("blocks the process", () => {
  for (;;) {
    // spin
  }
});
