"use client";

import type { Problem } from "@/lib/domain/contracts";
import type { Tone } from "@/lib/domain/constants";
import { useLocale, useT } from "@/lib/i18n/client";
import { problemDescription, problemDetail, problemTitle, severityLabel } from "@/lib/i18n/labels";
import { groupProblems } from "@/lib/domain/problems";
import { Badge } from "@/components/ui/badge";

const SEVERITY_TONE: Record<Problem["severity"], Tone> = { critical: "crit", warning: "warn", info: "unknown" };

/** The cluster's problems, worst first, each with a word for its severity and a one-line explanation. */
export function Problems({ problems }: { problems: Problem[] }) {
  const t = useT();
  const locale = useLocale();
  if (problems.length === 0) {
    return (
      <Badge variant="ok" size="md">
        {t("cluster.problems.none")}
      </Badge>
    );
  }
  return (
    <section aria-labelledby="problems-title" className="flex flex-col gap-1.5">
      <h2 id="problems-title" className="sr-only">
        {t("cluster.problems.title")}
      </h2>
      <ul className="flex flex-col gap-1.5">
        {groupProblems(problems).map((problem, index) => {
          const tone = SEVERITY_TONE[problem.severity];
          const detail = problemDetail(t, locale, { ...problem, member: null });
          const description = problemDescription(t, problem.code);
          return (
            <li
              key={`${problem.code}-${problem.members.join(",")}-${index}`}
              data-testid="problem"
              data-code={problem.code}
              data-severity={problem.severity}
              data-members={problem.members.join(" ")}
              className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5 rounded-lg border border-line bg-surface px-3 py-2"
            >
              <Badge variant={tone}>{severityLabel(t, problem.severity)}</Badge>
              <span className="font-semibold">
                {problem.members.length ? `${problem.members.join(", ")}: ` : ""}
                {problemTitle(t, problem.code)}
                {detail ? <span className="font-normal"> ({detail})</span> : null}
              </span>
              {description ? <span className="problem-description text-sm text-muted">{description}</span> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
