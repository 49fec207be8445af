// Next.js calls register() once when the server starts: the poller starts here, not on the first request.
// NOTE: this file is also compiled for the Edge runtime, so everything Node-only sits behind the import.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    await import("./lib/server/start");
  }
}
