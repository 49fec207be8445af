import { HISTORY_EVENT_KINDS, type HistoryEventKind } from "@/lib/domain/constants";
import { HISTORY_RANGES, type HistoryFilter, type HistoryRange } from "@/components/history/history-filters";

// The history screens' filters from their URL (?range=&kind=&member=&cluster=); anything unknown is
// ignored rather than an error page: the screen shows its defaults instead.

type Query = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string | null =>
  typeof value === "string" && value !== "" ? value : null;

export function filterFromQuery(query: Query): HistoryFilter {
  const range = one(query.range);
  const kind = one(query.kind);
  return {
    range: range && (HISTORY_RANGES as readonly string[]).includes(range) ? (range as HistoryRange) : "24h",
    kind:
      kind && (HISTORY_EVENT_KINDS as readonly string[]).includes(kind) ? (kind as HistoryEventKind) : null,
    member: one(query.member),
    cluster: one(query.cluster),
  };
}
