// Benchmark: after a hard leader kill on the REAL lab, how long after Patroni names the new leader does
// the dashboard's screen (the built app in Chromium) show it?
//
//   npx next build && node --import ./scripts/register.mjs bench/failover-to-screen.ts [runs]
//
// Uses the lab of scripts/lab.sh on TEST_LAB_* ports (started if needed), `scripts/serve.mjs` on
// BENCH_APP_PORT (default 23101) with the default 5 s poll interval, and Chromium. Each run kills the
// leader (SIGKILL), then samples every 50 ms: each surviving node's own /cluster (when does Patroni
// name a new leader?) and our API; the cluster page records when its leader label changed. The old leader is restarted and
// the lab waits healthy between runs. Loopback only.
import { startApp } from "../tests/support/app-server";
import { launchBrowser } from "../tests/support/browser";
import { getJson, lab } from "../tests/support/lab";

const RUNS = Number(process.argv[2] ?? 3);
const cluster = lab("plain");

async function dcsLeader(url: string): Promise<string | null> {
  try {
    const res = await getJson(`${url}/cluster`);
    const members = (res.body as { members?: { name: string; role: string }[] }).members ?? [];
    return members.find((m) => m.role === "leader")?.name ?? null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  cluster.run("up");
  cluster.run("wait-healthy", "120");
  const urls = cluster.urls();
  const app = await startApp(
    { PATRONI_NODES: urls.join(","), DATA_DIR: `${cluster.dir}-bench-data` },
    Number(process.env.BENCH_APP_PORT ?? 23101),
  );
  const browser = await launchBrowser();
  const rows: { named: number; api: number; screen: number; browserPollMs: number }[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(`${app.url}/clusters/demo`);
    for (let run = 1; run <= RUNS; run++) {
      cluster.run("wait-healthy", "120");
      await page.waitForTimeout(12_000); // the screen settles on the healthy leader
      const old = (await dcsLeader(urls[0]!)) ?? (await dcsLeader(urls[1]!));
      if (!old) throw new Error("no leader before the kill");
      // The page itself notes when its leader label changes (same machine, same clock): the bench's own
      // sampling loop is slow on a loaded machine and would add its lag to the screen's.
      // NOTE: a string, not a function: tsx would wrap a function's inner closures in its __name helper,
      // which does not exist in the page.
      await page.evaluate(`(() => {
        const old = ${JSON.stringify(old)};
        window.shown = [];
        const check = () => {
          const text = document.querySelector('[data-testid="leader-name"]')?.textContent ?? "";
          if (!text.includes(old) && !window.shown.some((s) => s.name === text))
            window.shown.push({ name: text, at: Date.now() });
        };
        new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      })()`);
      const killedAt = Date.now();
      cluster.run("kill", old);
      let named = 0;
      let api = 0;
      let screen = 0;
      let leader: string | null = null;
      let browserPollMs = 0;
      while (Date.now() - killedAt < 90_000 && !(named && api && screen)) {
        if (!named) {
          // All nodes at once: a sequential round would note the naming up to three requests late.
          const leaders = await Promise.all(urls.map(dcsLeader));
          const l = leaders.find((x) => x && x !== old);
          if (l) {
            named = Date.now() - killedAt;
            leader = l;
          }
        }
        if (leader && !api) {
          const detail = (await (await fetch(`${app.url}/api/clusters/demo`)).json()) as {
            leader: string | null;
          };
          if (detail.leader === leader) api = Date.now() - killedAt;
        }
        if (leader && !screen) {
          const shown = (await page.evaluate("window.shown")) as { name: string; at: number }[];
          const hit = shown.find((s) => s.name.includes(leader!));
          if (hit) screen = hit.at - killedAt;
        }
        if (!named && !browserPollMs) {
          const d = (await (await fetch(`${app.url}/api/clusters/demo`)).json()) as {
            refreshMs: number | null;
          };
          if (d.refreshMs !== null) browserPollMs = d.refreshMs;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      rows.push({ named, api, screen, browserPollMs });
      console.log(
        `run ${run}: killed ${old}; Patroni named ${leader} at ${(named / 1000).toFixed(2)} s; ` +
          `API +${((api - named) / 1000).toFixed(2)} s; screen +${((screen - named) / 1000).toFixed(2)} s ` +
          `(browser refresh during the failover: ${browserPollMs} ms)`,
      );
      cluster.run("start", old);
    }
  } finally {
    await browser.close();
    await app.stop();
    cluster.run("wait-healthy", "120");
  }
  const worst = Math.max(...rows.map((r) => r.screen - r.named));
  console.log(
    `worst screen delay after Patroni named the new leader: ${(worst / 1000).toFixed(2)} s over ${rows.length} runs`,
  );
}

await main();
