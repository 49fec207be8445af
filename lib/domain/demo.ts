import { z } from "zod";

// The demo cluster's control contract, shared by the route handler, the demo panel and the tests.
// A scenario is chosen by NAME only: nothing a client sends is ever a URL to fetch.

/** Scenario names, exactly as the control API and the UI spell them. */
export const DEMO_SCENARIOS = [
  "healthy",
  "switchover",
  "failover",
  "lag-spike",
  "node-down",
  "maintenance",
  "pending-restart",
  "leaderless",
  "cascade",
  "nofailover",
  "replay-paused",
  "quorum",
  "dcs-lost",
  "scheduled-switchover",
  "restart",
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

export function isDemoScenario(name: string): name is DemoScenario {
  return (DEMO_SCENARIOS as readonly string[]).includes(name);
}

export const demoTriggerRequestSchema = z.strictObject({ scenario: z.enum(DEMO_SCENARIOS) });

export const demoStateSchema = z.object({
  version: z.string(),
  scenario: z.enum(DEMO_SCENARIOS),
  triggeredAt: z.number().nullable(),
  /** Nothing more will change on its own. */
  settled: z.boolean(),
  leader: z.string().nullable(),
  timeline: z.number(),
  /** Where the simulated nodes listen (127.0.0.1:8008–8010, or free ports when those were taken). */
  nodes: z.array(z.object({ name: z.string(), url: z.string(), apiUp: z.boolean() })),
});
export type DemoState = z.infer<typeof demoStateSchema>;

export const demoTriggerResponseSchema = z.object({
  ok: z.boolean(),
  scenario: z.enum(DEMO_SCENARIOS),
  message: z.string(),
  state: demoStateSchema,
});

// Guided exercises: the course's Lab 1–3 tasks, each ticked when the dashboard SEES it happen (an
// explorer answer, a paused cluster, a leader change in the event log), never on a click. The ticks
// live on the server for the whole demo run, so every browser in the room shows the same list.

export const DEMO_EXERCISES = [
  /** Lab 1: the explorer's GET /primary answered 200 (so that node is the primary). */
  { id: "find-primary", lab: 1 },
  /** Lab 1: the explorer's GET / answered 503 (a replica: `/` is the primary check). */
  { id: "root-503", lab: 1 },
  /** Lab 2: the cluster was seen paused (maintenance mode). */
  { id: "pause", lab: 2 },
  /** Lab 2: a leader change while the old leader stayed up and listed: a switchover. */
  { id: "switchover", lab: 2 },
  /** Lab 3: a leader change after the old leader went unreachable or left the DCS: a failover. */
  { id: "failover", lab: 3 },
] as const;
export type DemoExerciseId = (typeof DEMO_EXERCISES)[number]["id"];
const EXERCISE_IDS = DEMO_EXERCISES.map((e) => e.id) as [DemoExerciseId, ...DemoExerciseId[]];

export const demoExerciseSchema = z.object({
  id: z.enum(EXERCISE_IDS),
  lab: z.number().int(),
  done: z.boolean(),
  /** When the dashboard saw it (epoch ms). */
  doneAt: z.number().nullable(),
  /** The member it was seen on (the primary found, the node that answered 503, the new leader). */
  member: z.string().nullable(),
  /** The other member involved: the previous leader of a switchover or failover. */
  from: z.string().nullable(),
});
export type DemoExercise = z.infer<typeof demoExerciseSchema>;

export const demoExercisesSchema = z.object({
  /** When this run of the exercises began (the demo's start, or the last reset). */
  startedAt: z.number(),
  exercises: z.array(demoExerciseSchema),
});
export type DemoExercises = z.infer<typeof demoExercisesSchema>;

export const demoExercisesRequestSchema = z.strictObject({ action: z.literal("reset") });

/** One explorer answer the dashboard relayed (only the fields the exercises read). */
export interface ExplorerSighting {
  t: number;
  member: string;
  pathId: string;
  status: number | null;
}

/** The slice of an event-log entry the exercises read. */
export interface LogSighting {
  t: number;
  kind: string;
  member: string | null;
  from: string | null;
  to: string | null;
}

type Tick = Pick<DemoExercise, "doneAt" | "member" | "from">;

/**
 * What has been seen since `since`: the first sighting of each exercise. Pure; the server latches
 * the result so a tick survives the event log's ring overwriting old entries.
 */
export function exerciseTicks(
  log: readonly LogSighting[],
  explorer: readonly ExplorerSighting[],
  since: number,
): Partial<Record<DemoExerciseId, Tick>> {
  const ticks: Partial<Record<DemoExerciseId, Tick>> = {};
  const tick = (id: DemoExerciseId, t: number, member: string | null, from: string | null = null) => {
    if (!ticks[id] || ticks[id].doneAt! > t) ticks[id] = { doneAt: t, member, from };
  };
  for (const s of explorer) {
    if (s.t < since) continue;
    if (s.pathId === "primary" && s.status === 200) tick("find-primary", s.t, s.member);
    if (s.pathId === "root" && s.status === 503) tick("root-503", s.t, s.member);
  }
  // Entries of one observation share a time; within it the leader entries come first, so the old
  // leader's "unreachable" or "missing" of the same poll is applied before its leader change.
  const down = new Set<string>();
  let gap = false;
  const entries = log.filter((e) => e.t >= since);
  for (let i = 0; i < entries.length;) {
    const t = entries[i]!.t;
    const group: LogSighting[] = [];
    while (i < entries.length && entries[i]!.t === t) group.push(entries[i++]!);
    for (const e of group) {
      if (!e.member) continue;
      if (e.kind === "node_unreachable" || e.kind === "member_missing") down.add(e.member);
      if (e.kind === "node_reachable" || e.kind === "member_back") down.delete(e.member);
    }
    for (const e of group) {
      if (e.kind === "paused") tick("pause", e.t, null);
      if (e.kind === "leader_lost") gap = true;
      if (e.kind === "leader_elected" && e.to) {
        if (e.from && e.from !== e.to) {
          if (gap || down.has(e.from)) tick("failover", e.t, e.to, e.from);
          else tick("switchover", e.t, e.to, e.from);
        }
        gap = false;
      }
    }
  }
  return ticks;
}
