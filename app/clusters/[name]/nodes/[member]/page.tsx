import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeRouteParam } from "@/lib/server/http/route-param";
import { nodePageSnapshot } from "@/lib/server/node-snapshot";
import { viewModeFrom } from "@/components/layout/view-mode";
import { NodeClient } from "./node-client";

// One member's own /patroni, explained: the server reads the store and seeds the client island, the
// screen's one polling observer.
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ name: string; member: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, member } = await params;
  return { title: `${decodeRouteParam(member)} · ${decodeRouteParam(name)}` };
}

export default async function NodePage({ params, searchParams }: Props) {
  const [encoded, query] = await Promise.all([params, searchParams]);
  const name = decodeRouteParam(encoded.name);
  const member = decodeRouteParam(encoded.member);
  const { node, pollIntervalMs } = await nodePageSnapshot(name, member);
  if (!node) notFound();
  const mode = viewModeFrom(query);
  return (
    <NodeClient
      cluster={name}
      member={member}
      initial={node}
      pollIntervalMs={pollIntervalMs}
      kiosk={mode.kiosk}
      present={mode.present}
    />
  );
}
