import { loadConfig, type Env } from "@/lib/server/config/load";
import { createRuntime, installRuntime, startPolling, type Runtime } from "@/lib/server/runtime";
import { GET as getClusters } from "@/app/api/clusters/route";
import { GET as getCluster } from "@/app/api/clusters/[name]/route";
import {
  clusterDetailSchema,
  clustersResponseSchema,
  type ClusterDetail,
  type ClustersResponse,
} from "@/lib/domain/contracts";

// The dashboard's server side run inside the test process: the real config loader, client, poller
// and store, and our route handlers called directly — against a real Patroni cluster.

export async function startDashboard(env: Env): Promise<Runtime & { close(): void }> {
  const runtime = createRuntime(loadConfig(env, process.cwd()));
  installRuntime(runtime);
  await startPolling(runtime);
  return {
    ...runtime,
    close() {
      runtime.poller.stop();
      installRuntime(null);
    },
  };
}

export async function apiClusters(): Promise<{
  status: number;
  cacheControl: string | null;
  body: ClustersResponse;
}> {
  const res = await getClusters(new Request("http://x/api/clusters"));
  return {
    status: res.status,
    cacheControl: res.headers.get("cache-control"),
    body: clustersResponseSchema.parse(await res.json()),
  };
}

export async function apiCluster(name: string): Promise<ClusterDetail> {
  const res = await getCluster(new Request(`http://localhost/api/clusters/${name}`), {
    params: Promise.resolve({ name }),
  });
  if (res.status !== 200) throw new Error(`GET /api/clusters/${name}: ${res.status} ${await res.text()}`);
  return clusterDetailSchema.parse(await res.json());
}
