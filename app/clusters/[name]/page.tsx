import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { currentAuth } from "@/lib/server/auth/guard";
import { decodeRouteParam } from "@/lib/server/http/route-param";
import { clusterSnapshot } from "@/lib/server/snapshot";
import { viewModeFrom } from "@/components/layout/view-mode";
import { ClusterClient } from "./cluster-client";
import { ClusterKioskClient } from "./kiosk-client";

// One cluster: the server reads the store and seeds the client island, the screen's one polling owner.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: decodeRouteParam(name) };
}

export default async function ClusterPage({ params, searchParams }: Props) {
  const [{ name: encoded }, query] = await Promise.all([params, searchParams]);
  const detail = await clusterSnapshot(decodeRouteParam(encoded));
  if (!detail) notFound();
  const mode = viewModeFrom(query);
  // A wall screen: the one-screen view, nothing to click (the wall's rotation shows the same).
  if (mode.kiosk && !mode.present) return <ClusterKioskClient name={detail.name} initial={detail} />;
  // Without an auth section there is no login and no action route: the action panel is not even mounted
  // (it would ask /api/auth/me, which answers 404 then).
  const { auth } = await currentAuth();
  return (
    <ClusterClient
      name={detail.name}
      initial={detail}
      kiosk={mode.kiosk}
      present={mode.present}
      signIn={auth !== null}
    />
  );
}
