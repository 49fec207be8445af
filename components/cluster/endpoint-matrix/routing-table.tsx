"use client";

import type { Route } from "@/lib/domain/contracts";
import { useT } from "@/lib/i18n/client";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";

// HAProxy routing: for each of the course's listeners (5000 primary, 5001 replicas, 5002 read-write,
// 5003 read-only), which members its health check would mark UP right now.

export function RoutingTable({ routing }: { routing: readonly Route[] }) {
  const t = useT();
  if (routing.length === 0) return null;
  return (
    <section
      aria-labelledby="routing-title"
      className="flex flex-col gap-2 border-t border-line pt-3"
      data-testid="haproxy-routing"
    >
      <div>
        <h3 id="routing-title" className="text-sm font-bold">
          {t("routing.title")}
        </h3>
        <p className="panel-description text-sm text-muted">{t("routing.description")}</p>
      </div>
      <DataTable
        labelledBy="routing-title"
        headers={[t("routing.col.listener"), t("routing.col.check"), t("routing.col.servers")]}
      >
        {routing.map((route) => (
          <tr
            key={route.listener}
            data-testid="routing-row"
            data-listener={route.listener}
            data-port={route.port}
            data-up={route.up.join(" ")}
            data-down={route.down.join(" ")}
            className="border-t border-line"
          >
            <th scope="row" className="px-1.5 py-1.5 text-left align-top font-normal whitespace-nowrap">
              <span className="font-mono text-base font-bold tabular-nums">{route.port}</span>{" "}
              <span className="text-muted">{t(`routing.listener.${route.listener}`)}</span>
            </th>
            <td className="px-1.5 py-1.5 align-top">
              <code className="font-mono">{route.path}</code>
            </td>
            <td className="px-1.5 py-1.5 align-top">
              <span className="flex flex-wrap items-center gap-1">
                {route.up.map((m) => (
                  <Badge key={m} variant="ok">
                    {m} {t("routing.up")}
                  </Badge>
                ))}
                {route.down.map((m) => (
                  <Badge key={m} variant="neutral">
                    {m} {t("routing.down")}
                  </Badge>
                ))}
                {route.unknown.map((m) => (
                  <Badge key={m} variant="unknown">
                    {m} {t("routing.unknown")}
                  </Badge>
                ))}
              </span>
              {route.up.length === 0 ? (
                <p className="mt-1 text-xs font-semibold text-crit-strong">{t("routing.noServer")}</p>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
