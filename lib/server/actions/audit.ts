import "server-only";
import type { HistoryEvent, NewHistoryEvent } from "@/lib/domain/history-events";
import type { Runtime } from "@/lib/server/runtime";

// The audit trail: every action attempt (and every followed outcome) is a history event, committed to
// the persistent store like the poller's events, so it survives restarts and shows in /api/events and
// the history screens. A runtime without a store (tests) keeps the last ones in memory instead.

export type AuditEvent = Extract<HistoryEvent, { kind: "action" | "action_outcome" }>;
type NewAuditEvent = Extract<NewHistoryEvent, { kind: "action" | "action_outcome" }>;

const MEMORY_LIMIT = 500;
const KEY = Symbol.for("patroni-dashboard.audit-memory");
type Holder = { [KEY]?: WeakMap<Runtime, AuditEvent[]> };

function memory(runtime: Runtime): AuditEvent[] {
  const holder = globalThis as Holder;
  holder[KEY] ??= new WeakMap();
  let list = holder[KEY].get(runtime);
  if (!list) holder[KEY].set(runtime, (list = []));
  return list;
}

export async function recordAudit(runtime: Runtime, event: NewAuditEvent): Promise<void> {
  if (runtime.storage) {
    try {
      await runtime.storage.write({ events: [event] });
      return;
    } catch (err) {
      console.error("[actions] could not store an audit entry; kept in memory:", err);
    }
  }
  const list = memory(runtime);
  list.unshift({ ...event, id: (list[0]?.id ?? 0) + 1 } as AuditEvent);
  list.length = Math.min(list.length, MEMORY_LIMIT);
}

/** Newest first. */
export async function listAudit(
  runtime: Runtime,
  filter: { cluster?: string; limit: number },
): Promise<AuditEvent[]> {
  const fromMemory = memory(runtime).filter((e) => !filter.cluster || e.cluster === filter.cluster);
  if (!runtime.storage) return fromMemory.slice(0, filter.limit);
  const stored = (await runtime.storage.events({
    cluster: filter.cluster,
    kinds: ["action", "action_outcome"],
    limit: filter.limit,
  })) as AuditEvent[];
  return [...fromMemory, ...stored].sort((a, b) => b.at - a.at).slice(0, filter.limit);
}
