import type { ErrorKind, MemberRole, Severity, Tone } from "@/lib/domain/constants";
import type { Problem } from "@/lib/domain/contracts";
import { formatBytes } from "@/lib/domain/format";
import type { LinkKind, NodeCondition } from "@/lib/domain/topology";
import type { Locale, T } from "./core";
import { ALERT_CODES } from "@/lib/domain/alert-codes";

// Words for the domain's enums. Keys are built from the `as const` arrays of lib/domain/constants,
// so a new role or error kind fails the i18n test until both catalogs name it.

export function roleLabel(t: T, role: MemberRole): string {
  return t(`role.${role}`);
}

export function toneLabel(t: T, tone: Tone): string {
  return t(`tone.${tone}`);
}

export function severityLabel(t: T, severity: Severity): string {
  return t(`severity.${severity}`);
}

export function errorKindLabel(t: T, kind: ErrorKind): string {
  return t(`errorKind.${kind}`);
}

export function linkLabel(t: T, kind: LinkKind): string {
  return t(`link.${kind}`);
}

export function conditionLabel(t: T, condition: Exclude<NodeCondition, "ok">): string {
  return t(`condition.${condition}`);
}

/** Patroni's state words ("streaming", "creating replica"…); unknown ones are shown as Patroni wrote them. */
export function stateLabel(t: T, state: string): string {
  if (state === "") return t("state.unknown");
  const key = `state.${state.replace(/ /g, "_")}`;
  return t.has(key) ? t(key) : state;
}

/** Every problem code the server can raise: the alert codes (lib/domain/alert-codes.ts). */
export const PROBLEM_CODES = ALERT_CODES;

export function problemTitle(t: T, code: string): string {
  const key = `problem.${code}.title`;
  return t.has(key) ? t(key) : t("problem.other.title", { code });
}

export function problemDescription(t: T, code: string): string | null {
  const key = `problem.${code}.desc`;
  return t.has(key) ? t(key) : null;
}

/** The problem's detail in words: lag details are bytes, state details are Patroni states. */
export function problemDetail(t: T, locale: Locale, problem: Problem): string | null {
  if (problem.detail === null) return null;
  if (problem.code === "lag_over_threshold" && /^\d+$/.test(problem.detail))
    return formatBytes(Number(problem.detail), locale);
  if (problem.code === "member_not_running") return stateLabel(t, problem.detail);
  return problem.detail;
}

/** "node2: Lag over threshold (9.5 MB)" */
export function problemLine(t: T, locale: Locale, problem: Problem): string {
  const detail = problemDetail(t, locale, problem);
  const title = problemTitle(t, problem.code);
  return `${problem.member ? `${problem.member}: ` : ""}${title}${detail ? ` (${detail})` : ""}`;
}

/** An audited action's name ("switchover", "cancel-restart"…); one this build does not know as sent. */
export function actionLabel(t: T, action: string): string {
  const key = `actions.kind.${action}`;
  return t.has(key) ? t(key) : action;
}

/** How an audited attempt ended ("succeeded", "forbidden"…); one this build does not know as sent. */
export function actionOutcomeLabel(t: T, outcome: string): string {
  const key = `actions.outcome.${outcome}`;
  return t.has(key) ? t(key) : outcome;
}
