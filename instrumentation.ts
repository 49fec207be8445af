// Next.js calls register() once when the server starts: the poller starts here, not on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getRuntime } = await import("./lib/server/runtime");
  const { ConfigError } = await import("./lib/server/config/load");
  try {
    await getRuntime();
  } catch (err) {
    // An invalid configuration stops start-up with a message naming the file, the field and the problem.
    console.error(err instanceof ConfigError ? `[patroni-dashboard] ${err.message}` : err);
    process.exit(1);
  }
}
