import "server-only";
import type { ClusterDetail, EventLogEntry } from "@/lib/domain/contracts";
import { deriveEvents, memoryAfter, type EventMemory } from "@/lib/domain/events";
import { Ring } from "./ring";

/** Entries kept per cluster: days of a busy classroom, a few hundred kB at most. */
export const EVENT_LOG_CAPACITY = 500;

/**
 * One cluster's event log: the poller calls observe() once per cycle with the detail it built, and
 * the view hands entries() to the API. Bounded, so a wall screen left running for weeks stays flat.
 */
export class EventLog {
  private readonly ring: Ring<EventLogEntry>;
  private prev: ClusterDetail | null = null;
  private memory: EventMemory | null = null;

  constructor(capacity = EVENT_LOG_CAPACITY) {
    this.ring = new Ring(capacity);
  }

  /** Appends what changed since the previous observation; returns the new entries. */
  observe(detail: ClusterDetail, now: number): EventLogEntry[] {
    const added = this.derive(detail, now);
    this.append(added);
    return added;
  }

  /**
   * What changed since the previous observation, without showing it yet: the history recorder
   * (lib/server/storage/recorder.ts) commits the entries first, then append()s them.
   */
  derive(detail: ClusterDetail, now: number): EventLogEntry[] {
    const added = deriveEvents(this.prev, detail, now, this.memory);
    this.prev = detail;
    this.memory = memoryAfter(this.memory, detail);
    return added;
  }

  append(entries: readonly EventLogEntry[]): void {
    for (const entry of entries) this.ring.push(entry);
  }

  /** Oldest first, newest last (the UI reverses it). A copy: callers may not mutate the log. */
  entries(): EventLogEntry[] {
    return this.ring.toArray();
  }

  get size(): number {
    return this.ring.size;
  }
}
