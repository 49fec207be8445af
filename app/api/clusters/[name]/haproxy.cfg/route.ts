import { errorResponse } from "@/lib/server/http/respond";
import { haproxySnapshot } from "@/lib/server/snapshot";

export const dynamic = "force-dynamic";

/** A haproxy.cfg for the cluster's current members, as a download (see lib/domain/haproxy.ts). */
export async function GET(
  _request: Request,
  context: { params: Promise<{ name: string }> },
): Promise<Response> {
  const { name } = await context.params;
  const cfg = await haproxySnapshot(name);
  if (!cfg) return errorResponse(404, `no cluster named "${name}" is configured`);
  // The file name comes from a configured or reported cluster name: keep it to safe characters.
  const file = `haproxy-${cfg.cluster.replace(/[^A-Za-z0-9._-]/g, "_")}.cfg`;
  return new Response(cfg.text, {
    status: 200,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"`,
      "Cache-Control": "no-store",
    },
  });
}
