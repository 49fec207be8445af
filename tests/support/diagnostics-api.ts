import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GET as getAlerts } from "@/app/api/alerts/route";
import { GET as getNode } from "@/app/api/clusters/[name]/nodes/[member]/route";
import {
  alertsResponseSchema,
  nodeDetailSchema,
  type AlertsResponse,
  type NodeDetail,
} from "@/lib/domain/contracts";

// Helpers for the diagnostics integration tests: a YAML config with fast polling for the in-process
// dashboard, the diagnostics route handlers called directly, and free loopback ports.

/** A dashboard config file for one cluster named `name` (intervals in seconds). */
export function writeDashboardConfig(
  name: string,
  urls: string[],
  settings: { poll: number; probe: number; timeout?: number },
): string {
  const dir = mkdtempSync(join(tmpdir(), "pd-diagnostics-"));
  const file = join(dir, "dashboard.yml");
  const lines = [
    `poll_interval: ${settings.poll}`,
    `probe_interval: ${settings.probe}`,
    `request_timeout: ${settings.timeout ?? 2.5}`,
    "clusters:",
    `  - name: ${name}`,
    `    nodes: [${urls.join(", ")}]`,
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

export async function apiAlerts(): Promise<AlertsResponse> {
  return alertsResponseSchema.parse(await (await getAlerts()).json());
}

export async function apiNode(name: string, member: string): Promise<NodeDetail> {
  const res = await getNode(new Request(`http://localhost/api/clusters/${name}/nodes/${member}`), {
    params: Promise.resolve({ name, member }),
  });
  if (res.status !== 200) throw new Error(`node ${member}: ${res.status} ${await res.text()}`);
  return nodeDetailSchema.parse(await res.json());
}

/** `count` distinct ports that were free on 127.0.0.1 a moment ago. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
