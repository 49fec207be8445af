import "server-only";

// Public surface of the demo cluster simulator. Everything else in this folder is internal.
export {
  DEMO_NODE_NAMES,
  DEMO_SCENARIOS,
  DEMO_VERSIONS,
  type DemoNodeName,
  type DemoScenario,
  type DemoVersion,
  isDemoScenario,
  isDemoVersion,
} from "./constants";
export { parseLagBytes } from "./lag-param";
export {
  createDemoModel,
  type DemoClusterInfo,
  DemoModel,
  type DemoModelOptions,
  type DemoNodeInfo,
} from "./model";
export type { DemoResponse } from "./respond";
export type { TriggerResult } from "./scenarios";
export { type DemoCluster, type DemoClusterNode, type DemoClusterOptions, startDemoCluster } from "./server";
export { getBuiltInDemo, startBuiltInDemo } from "./built-in";
export {
  type DemoFleet,
  type DemoFleetCluster,
  type DemoFleetOptions,
  FLEET_MAX_CLUSTERS,
  fleetConfigYaml,
  fleetScopes,
  startDemoFleet,
} from "./fleet";
export { controlAnswer, fleetOfOne, startControlServer } from "./control";
