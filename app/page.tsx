import { clustersSnapshot } from "@/lib/server/snapshot";
import { viewModeFrom } from "@/components/layout/view-mode";
import { OverviewClient } from "./overview-client";

// The overview: the server reads the store and seeds the client island, which then polls /api/clusters.
export const dynamic = "force-dynamic";

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [snapshot, params] = await Promise.all([clustersSnapshot(), searchParams]);
  const mode = viewModeFrom(params);
  return <OverviewClient initial={snapshot} kiosk={mode.kiosk} present={mode.present} />;
}
