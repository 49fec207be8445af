import type { Metadata } from "next";
import { getT } from "@/lib/i18n/server";
import { getRuntime } from "@/lib/server/runtime";
import { HistoryClient } from "./history-client";
import { filterFromQuery } from "./filter-params";

// Every cluster's history from the store. The server passes the filter choices (cluster and member
// names it knows); the client island reads the events.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("historyView.title") };
}

export default async function HistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [runtime, query] = await Promise.all([getRuntime(), searchParams]);
  const clusters = runtime.clusters.map((c) => c.name).sort();
  const members = [...new Set(runtime.clusters.flatMap((c) => [...c.known.keys()]))].sort();
  return (
    <HistoryClient cluster={null} clusters={clusters} members={members} initial={filterFromQuery(query)} />
  );
}
