import type { Problem } from "./contracts";

// Problems as a screen lists them: the same problem on several members (a restart pending everywhere
// after a config change) is one line naming them all, not one line per member.

export interface ProblemGroup {
  code: string;
  severity: Problem["severity"];
  members: string[];
  detail: string | null;
}

export function groupProblems(problems: readonly Problem[]): ProblemGroup[] {
  const groups = new Map<string, ProblemGroup>();
  for (const problem of problems) {
    const key = `${problem.code}\u0000${problem.severity}\u0000${problem.detail ?? ""}\u0000${problem.member === null ? "cluster" : "member"}`;
    const group = groups.get(key);
    if (group) {
      if (problem.member !== null && !group.members.includes(problem.member)) group.members.push(problem.member);
    } else {
      groups.set(key, { code: problem.code, severity: problem.severity, members: problem.member === null ? [] : [problem.member], detail: problem.detail });
    }
  }
  return [...groups.values()];
}
