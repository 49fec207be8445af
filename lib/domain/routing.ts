import type { EndpointMatrix, Route } from "./contracts-diagnostics";
import { HAPROXY_LISTENERS, PROBE_PATHS } from "./endpoints";

// What an HAProxy configured like the course's (one listener per health endpoint, `http-check expect
// status 200`) would do with the answers we probed: which members it sends each port's traffic to.
// Pure. HAProxy's own view lags by its check timing (inter × rise/fall), ours by the probe interval.

export function deriveRouting(matrix: EndpointMatrix): Route[] {
  return HAPROXY_LISTENERS.map((listener) => {
    const route: Route = {
      listener: listener.name,
      port: listener.port,
      endpoint: listener.endpoint,
      path: PROBE_PATHS[listener.endpoint],
      up: [],
      down: [],
      unknown: [],
    };
    for (const node of matrix.nodes) {
      const name = node.member ?? node.apiUrl;
      const outcome = node.cells[listener.endpoint].outcome;
      if (outcome === "up") route.up.push(name);
      else if (outcome === "down") route.down.push(name);
      else route.unknown.push(name);
    }
    return route;
  });
}
