"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { pagePaths } from "@/lib/query/keys";
import { useT } from "@/lib/i18n/client";

/**
 * A member's name as a link to its node page (/clusters/{name}/nodes/{member}). The cluster comes from
 * the route, so the member table needs no new prop; outside a cluster route it is plain text.
 */
export function NodeLink({ member }: { member: string }) {
  const t = useT();
  const params = useParams<{ name?: string }>();
  const raw = typeof params?.name === "string" ? params.name : null;
  if (!raw) return <>{member}</>;
  let cluster = raw;
  try {
    cluster = decodeURIComponent(raw);
  } catch {
    // not encoded: use it as it is
  }
  return (
    <Link
      href={pagePaths.node(cluster, member)}
      title={t("node.open", { member })}
      data-testid="node-link"
      className="underline decoration-dotted underline-offset-4 hover:text-accent-strong"
    >
      {member}
    </Link>
  );
}
