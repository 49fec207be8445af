import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { FIRST_LOAD_BUDGET_KB, FIRST_LOAD_ROUTES, measureFirstLoad } from "../../bench/first-load";
import { startApp, type AppServer } from "../support/app-server";

// The first-load JavaScript budget, enforced: the built app (`next start`, on its own demo cluster)
// serves each page, and the scripts its HTML loads must add up to at most 250 kB gzip.
// bench/first-load-js.ts prints the same figures for BENCHMARKS.md.

const BASE = Number(process.env.TEST_SIM_PORT ?? 28208) + 20;

let app: AppServer;

before(async () => {
  app = await startApp({ DEMO_PORTS: [BASE, BASE + 1, BASE + 2].join(",") });
});

after(async () => {
  await app?.stop();
});

for (const route of FIRST_LOAD_ROUTES) {
  test(`${route}: first-load JS within ${FIRST_LOAD_BUDGET_KB} kB gzip`, async (t) => {
    const { scripts, kb } = await measureFirstLoad(app.url, route);
    t.diagnostic(`${kb.toFixed(1)} kB gzip in ${scripts.length} scripts`);
    // React and Next alone are far above this: a smaller figure means the measurement missed scripts.
    assert.ok(kb > 50, `${route}: only ${kb.toFixed(1)} kB in ${scripts.length} scripts: not the whole page`);
    assert.ok(
      kb <= FIRST_LOAD_BUDGET_KB,
      `${route}: ${kb.toFixed(1)} kB gzip in ${scripts.length} scripts, over the ${FIRST_LOAD_BUDGET_KB} kB budget`,
    );
  });
}
