import "server-only";
import { ConfigError } from "@/lib/server/config/load";
import { peerStamped } from "@/lib/server/auth/proxy-auth";
import { installViewerCheck } from "@/lib/server/auth/viewers";
import { publishFastRoutes } from "@/lib/server/http/cluster-routes";
import { getRuntime } from "@/lib/server/runtime";

// Imported by instrumentation.ts in the Node.js runtime only: starts the poller when the server starts,
// then offers scripts/serve.mjs the two hot API routes without Next's pipeline (lib/server/http/cluster-routes.ts).
try {
  await getRuntime();
  // proxy.ts asks this before every route whether the request may view (auth.viewers: login).
  installViewerCheck();
  const runtime = await getRuntime();
  if (runtime.config.auth?.proxy && !peerStamped())
    console.warn(
      "[patroni-dashboard] auth.proxy is configured but this server does not stamp the peer address (run it with `npm start` or scripts/serve.mjs): no request will be taken as from the trusted proxy",
    );
  publishFastRoutes();
} catch (err) {
  // An invalid configuration stops start-up with a message naming the file, the field and the problem.
  console.error(err instanceof ConfigError ? `[patroni-dashboard] ${err.message}` : err);
  process.exit(1);
}
