import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getT } from "@/lib/i18n/server";
import { decodeRouteParam } from "@/lib/server/http/route-param";
import { findCluster, getRuntime } from "@/lib/server/runtime";
import { HistoryClient } from "@/app/history/history-client";
import { filterFromQuery } from "@/app/history/filter-params";

// One cluster's history from the store: the same screen as /history with the cluster fixed.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const [{ name }, { t }] = await Promise.all([params, getT()]);
  return { title: t("historyView.titleCluster", { cluster: decodeRouteParam(name) }) };
}

export default async function ClusterHistoryPage({ params, searchParams }: Props) {
  const [{ name: encoded }, query, runtime] = await Promise.all([params, searchParams, getRuntime()]);
  const name = decodeRouteParam(encoded);
  const cluster = findCluster(runtime, name);
  if (!cluster) notFound();
  const members = [...cluster.known.keys()].sort();
  return (
    <HistoryClient cluster={name} clusters={[name]} members={members} initial={filterFromQuery(query)} />
  );
}
