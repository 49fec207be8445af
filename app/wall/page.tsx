import type { Metadata } from "next";
import { cookies } from "next/headers";
import { clustersSnapshot } from "@/lib/server/snapshot";
import { THEME_COOKIE, themeFrom } from "@/components/layout/theme";
import { rotateSeconds } from "@/components/wall/rotation";
import { getT } from "@/lib/i18n/server";
import { WallClient } from "./wall-client";

// The NOC wall: every configured cluster on one screen. The server seeds the client island, which
// polls /api/clusters. Dark unless the viewer chose a theme: a wall lights a room all night.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getT();
  return { title: t("wall.title") };
}

export default async function WallPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [snapshot, params, store] = await Promise.all([clustersSnapshot(), searchParams, cookies()]);
  const chosen = themeFrom(store.get(THEME_COOKIE)?.value);
  return (
    <WallClient
      initial={snapshot}
      rotateSeconds={rotateSeconds(params.rotate)}
      rotateAll={params.rotate_all === "1"}
      dark={chosen === "system"}
    />
  );
}
