import "server-only";
import { ConfigError } from "@/lib/server/config/load";
import { installViewerCheck } from "@/lib/server/auth/viewers";
import { publishFastRoutes } from "@/lib/server/http/cluster-routes";
import { getRuntime } from "@/lib/server/runtime";

// Imported by instrumentation.ts in the Node.js runtime only: starts the poller when the server starts,
// then offers scripts/serve.mjs the two hot API routes without Next's pipeline (lib/server/http/cluster-routes.ts).
try {
  await getRuntime();
  // proxy.ts asks this before every route whether the request may view (auth.viewers: login).
  installViewerCheck();
  publishFastRoutes();
} catch (err) {
  // An invalid configuration stops start-up with a message naming the file, the field and the problem.
  console.error(err instanceof ConfigError ? `[patroni-dashboard] ${err.message}` : err);
  process.exit(1);
}
