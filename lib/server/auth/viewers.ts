import "server-only";
import { getRuntime } from "@/lib/server/runtime";
import { authContext, callerOf } from "./guard";
import { installViewerGate } from "./viewer-gate";

// `auth.viewers: login`: who may look at all. Without an auth section, or with `viewers: anonymous`,
// everyone may; with `login`, only a signed-in user of any role (a viewer included). The user list is
// read from the configuration as it is now, like every other check (a removed user is out at once).

export async function mayView(request: Request): Promise<boolean> {
  const runtime = await getRuntime();
  const auth = authContext(runtime.config);
  if (!auth || auth.settings.viewers !== "login") return true;
  return (await callerOf(request, auth)) !== null;
}

/** Hands the check to proxy.ts, which runs before every route (called once at start-up). */
export function installViewerCheck(): void {
  installViewerGate(mayView);
}
