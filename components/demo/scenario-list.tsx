"use client";

import { DEMO_SCENARIOS, type DemoScenario } from "@/lib/domain/demo";
import { useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";
import { cn } from "@/components/ui/cn";
import { PlayIcon } from "@/components/ui/icons";

export function scenarioLabel(t: T, scenario: DemoScenario): string {
  return t(`demo.scenario.${scenario}`);
}

export function scenarioDescription(t: T, scenario: DemoScenario): string {
  return t(`demo.scenario.${scenario}.desc`);
}

/**
 * One real <button> per scenario (keyboard: Tab + Enter/Space), its one-line explanation tied to it
 * with aria-describedby. All are disabled while a trigger is in flight, so a double click sends one.
 */
export function ScenarioList({
  busy,
  pending,
  onTrigger,
}: {
  busy: boolean;
  pending: DemoScenario | null;
  onTrigger: (s: DemoScenario) => void;
}) {
  const t = useT();
  return (
    <ul className="grid gap-2 [grid-template-columns:repeat(auto-fill,minmax(min(100%,17rem),1fr))]">
      {DEMO_SCENARIOS.map((scenario) => (
        <li key={scenario} className="flex flex-col gap-1 rounded-lg border border-line bg-surface-2 p-2.5">
          <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
            <button
              type="button"
              data-testid="demo-scenario"
              data-scenario={scenario}
              disabled={busy}
              aria-busy={pending === scenario ? "true" : undefined}
              aria-describedby={`demo-scenario-${scenario}-desc`}
              onClick={() => onTrigger(scenario)}
              className={cn(
                "inline-flex w-fit items-center gap-2 rounded-md border px-3 py-1.5 text-left font-semibold transition-colors",
                scenario === "healthy"
                  ? "border-ok/60 bg-ok-soft text-ok-strong"
                  : "border-accent/60 bg-accent-soft text-accent-strong",
                "hover:brightness-95 disabled:cursor-wait disabled:opacity-60",
              )}
            >
              <PlayIcon className="shrink-0" />
              {scenarioLabel(t, scenario)}
            </button>
            {/* The name the control API and the CLI use, for students who script it with curl. */}
            <code className="text-xs text-muted">{scenario}</code>
          </div>
          <p id={`demo-scenario-${scenario}-desc`} className="text-sm text-muted">
            {scenarioDescription(t, scenario)}
          </p>
        </li>
      ))}
    </ul>
  );
}
