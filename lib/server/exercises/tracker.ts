import "server-only";
import {
  DEMO_EXERCISES,
  type DemoExerciseId,
  type DemoExercises,
  exerciseTicks,
  type ExplorerSighting,
  type LogSighting,
} from "@/lib/domain/demo";

// The guided exercises' ticks for one demo run, kept on the server: every browser in the room reads
// the same list, and a tick, once seen, stays until the run is reset. The explorer route tells the
// tracker what the explorer relayed; the leader changes come from the demo cluster's event log.

/** Explorer answers kept: only those an exercise reads are stored, and a handful is enough. */
const MAX_SIGHTINGS = 50;
const WATCHED_PATHS = new Set(["primary", "root"]);

type Tick = { doneAt: number | null; member: string | null; from: string | null };

export class ExerciseTracker {
  private sightings: ExplorerSighting[] = [];
  private latched = new Map<DemoExerciseId, Tick>();

  constructor(private startedAt: number) {}

  /** One explorer exchange on the demo cluster (path id and status only: no body is kept). */
  noteExplorer(sighting: ExplorerSighting): void {
    if (!WATCHED_PATHS.has(sighting.pathId)) return;
    this.sightings.push(sighting);
    if (this.sightings.length > MAX_SIGHTINGS)
      this.sightings.splice(0, this.sightings.length - MAX_SIGHTINGS);
  }

  /** The checklist now, given the demo cluster's event log; first sightings are latched. */
  state(log: readonly LogSighting[]): DemoExercises {
    const ticks = exerciseTicks(log, this.sightings, this.startedAt);
    for (const [id, tick] of Object.entries(ticks) as [DemoExerciseId, Tick][]) {
      if (!this.latched.has(id)) this.latched.set(id, tick);
    }
    return {
      startedAt: this.startedAt,
      exercises: DEMO_EXERCISES.map(({ id, lab }) => {
        const tick = this.latched.get(id);
        return {
          id,
          lab,
          done: !!tick,
          doneAt: tick?.doneAt ?? null,
          member: tick?.member ?? null,
          from: tick?.from ?? null,
        };
      }),
    };
  }

  /** Starts the exercises over (a new group of students): nothing seen before `now` counts. */
  reset(now: number): void {
    this.startedAt = now;
    this.sightings = [];
    this.latched.clear();
  }
}

const KEY = Symbol.for("patroni-dashboard.demo-exercises");

/**
 * The tracker of one demo run, keyed by the demo cluster's store (one per runtime, so a restarted
 * demo starts a fresh list). On globalThis: Next.js may evaluate this module once per route bundle.
 */
export function exerciseTracker(run: object, now = Date.now()): ExerciseTracker {
  const holder = globalThis as { [KEY]?: WeakMap<object, ExerciseTracker> };
  const trackers = (holder[KEY] ??= new WeakMap());
  let tracker = trackers.get(run);
  if (!tracker) {
    tracker = new ExerciseTracker(now);
    trackers.set(run, tracker);
  }
  return tracker;
}

/** Called by the explorer route after an exchange: noted only for the built-in demo cluster. */
export function noteExplorerExchange(
  cluster: { demo: boolean },
  exchange: { member: string; pathId: string; status: number | null },
  now = Date.now(),
): void {
  if (!cluster.demo) return;
  exerciseTracker(cluster, now).noteExplorer({
    t: now,
    member: exchange.member,
    pathId: exchange.pathId,
    status: exchange.status,
  });
}
