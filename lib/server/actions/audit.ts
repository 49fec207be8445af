import "server-only";
import type { ActionRequest } from "@/lib/domain/actions";
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

/** Who made an attempt, from where: the session's user, or null for a request without one. */
export interface Attempt {
  cluster: string;
  user: { username: string; role: string } | null;
  address: string;
  origin: string | null;
  /** The request as parsed; null when the body was not a valid action request. */
  request: ActionRequest | null;
}

export const ANONYMOUS_USER = "(anonymous)";

/** One audit entry for an attempt and what became of it. */
export function attemptEvent(
  attempt: Attempt,
  result: {
    at: number;
    outcome: string;
    status: number;
    patroniStatus?: number | null;
    patroniText?: string | null;
    node?: string | null;
    problems?: string[];
    durationMs?: number;
  },
): NewAuditEvent {
  const request = attempt.request;
  return {
    kind: "action",
    at: result.at,
    cluster: attempt.cluster,
    member: request?.member ?? request?.candidate ?? null,
    user: attempt.user?.username ?? ANONYMOUS_USER,
    role: attempt.user?.role ?? "anonymous",
    address: attempt.address,
    // An Origin is a browser's claim about a page, shortened: nothing a stranger sends is stored whole.
    origin: attempt.origin?.slice(0, 200) ?? null,
    action: request?.action ?? "(invalid)",
    candidate: request?.candidate ?? null,
    scheduledAt: request?.scheduledAt ?? null,
    force: request?.force === true,
    outcome: result.outcome,
    status: result.status,
    patroniStatus: result.patroniStatus ?? null,
    patroniText: result.patroniText ?? null,
    node: result.node ?? null,
    problems: result.problems ?? [],
    durationMs: result.durationMs ?? 0,
  };
}

/**
 * Attempts without a session cost a stranger nothing, and the store drops its oldest rows first when
 * it is full: so at most this many of them a minute are kept, lest a flood push real history out.
 */
export const UNSIGNED_AUDIT_PER_MINUTE = 30;
const unsigned = { windowStart: 0, count: 0, dropped: 0 };

/** Whether one more attempt without a session may be audited now (counts it). */
export function admitUnsignedAudit(now: number): boolean {
  if (now - unsigned.windowStart >= 60_000) {
    if (unsigned.dropped > 0)
      console.warn(
        `[actions] ${unsigned.dropped} action attempts without a session were not audited (over ${UNSIGNED_AUDIT_PER_MINUTE} a minute)`,
      );
    Object.assign(unsigned, { windowStart: now, count: 0, dropped: 0 });
  }
  if (unsigned.count >= UNSIGNED_AUDIT_PER_MINUTE) {
    unsigned.dropped++;
    return false;
  }
  unsigned.count++;
  return true;
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
