"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { demoStateSchema, type DemoScenario, type DemoState } from "@/lib/domain/demo";
import { fetchJson } from "@/lib/query/fetch-json";
import { postDemoScenario } from "@/lib/query/demo";
import { apiPaths, queryKeys } from "@/lib/query/keys";
import { useT } from "@/lib/i18n/client";
import { cn } from "@/components/ui/cn";
import { Panel } from "@/components/ui/panel";
import { ScenarioList, scenarioLabel } from "./scenario-list";

// The demo cluster's control panel: where the simulated nodes listen (so a student can curl them)
// and one button per scenario. The node list is read once (GET /api/demo) and refreshed from each
// trigger's answer: it is not polled, the screen's one polling observer stays the cluster query.

/** host:port of a node URL ("http://127.0.0.1:8008" → "127.0.0.1:8008"). */
export function nodeAddress(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The lab's curl loop over the ports actually in use, when the nodes share one host and scheme. */
export function curlLoop(nodes: DemoState["nodes"]): string | null {
  const urls = nodes.map((n) => {
    try {
      return new URL(n.url);
    } catch {
      return null;
    }
  });
  const first = urls[0];
  if (
    !first ||
    urls.some((u) => !u || u.protocol !== first.protocol || u.hostname !== first.hostname || !u.port)
  )
    return null;
  const ports = urls.map((u) => u!.port).join(" ");
  return `for port in ${ports}; do curl -s ${first.protocol}//${first.hostname}:$port/patroni; echo; done`;
}

// The checklist is its own chunk, loaded after the page is interactive: the cluster page's first-load
// JavaScript stays within its budget (tests/e2e/first-load-js.test.ts).
const ExerciseList = dynamic(() => import("./exercise-list").then((m) => m.ExerciseList), {
  ssr: false,
  loading: () => <ExercisesLoading />,
});

function ExercisesLoading() {
  const t = useT();
  return <p className="text-sm text-muted">{t("demo.exercises.loading")}</p>;
}

function NodeList({ state }: { state: DemoState }) {
  const t = useT();
  const loop = curlLoop(state.nodes);
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold text-muted">{t("demo.panel.nodes")}</h3>
      <ul className="flex flex-wrap gap-2">
        {state.nodes.map((node) => (
          <li
            key={node.name}
            data-testid="demo-node"
            data-member={node.name}
            data-url={node.url}
            className="rounded-md border border-line bg-surface-2 px-2.5 py-1"
          >
            <span className="font-semibold">{node.name}</span>{" "}
            <code className="font-mono text-lg font-bold">{nodeAddress(node.url)}</code>
          </li>
        ))}
      </ul>
      {loop ? (
        <div className="flex flex-col gap-1 text-sm">
          <span className="text-muted">{t("demo.panel.try")}</span>
          <pre className="overflow-x-auto rounded-md border border-line bg-surface-2 px-2.5 py-1.5 font-mono text-sm">
            <code>{loop}</code>
          </pre>
        </div>
      ) : null}
    </div>
  );
}

export function DemoPanel({
  clusterName,
  refreshKey = null,
  className,
}: {
  clusterName: string;
  /** The screen's latest cluster snapshot time: the exercises re-read when it changes. */
  refreshKey?: number | null;
  className?: string;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: queryKeys.demo(),
    queryFn: ({ signal }) => fetchJson(apiPaths.demo(), demoStateSchema, { signal }),
    retry: false,
  });
  const trigger = useMutation({
    mutationFn: (scenario: DemoScenario) => postDemoScenario(scenario),
    onSuccess: (answer) => {
      queryClient.setQueryData(queryKeys.demo(), answer.state);
      // Show the effect at once instead of at the next 5 s tick (also after a refusal: it is cheap).
      void queryClient.invalidateQueries({ queryKey: queryKeys.cluster(clusterName) });
    },
  });
  const pending = trigger.isPending ? (trigger.variables ?? null) : null;
  const answer = trigger.data;
  return (
    <Panel
      id="demo-panel"
      title={t("demo.panel.title")}
      description={t("demo.panel.description")}
      testId="demo-panel"
      className={cn("kiosk-hidden", className)}
    >
      {state.data ? (
        <NodeList state={state.data} />
      ) : state.isError ? (
        <p className="text-sm text-crit-strong">
          {t("demo.panel.unavailable", { reason: state.error.message })}
        </p>
      ) : (
        <p className="text-sm text-muted">{t("demo.panel.loading")}</p>
      )}
      <ExerciseList
        refreshKey={refreshKey}
        cluster={clusterName}
        members={state.data?.nodes.map((n) => n.name) ?? []}
      />
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold text-muted">
          {t("demo.panel.scenarios")}
          {state.data ? (
            <span className="font-normal">
              {" "}
              · {t("demo.panel.last", { scenario: scenarioLabel(t, state.data.scenario) })}
            </span>
          ) : null}
        </h3>
        <ScenarioList
          busy={trigger.isPending}
          pending={pending}
          onTrigger={(scenario) => trigger.mutate(scenario)}
        />
      </div>
      <div
        role="status"
        aria-live="polite"
        data-testid="demo-result"
        data-ok={answer && !pending ? String(answer.ok) : undefined}
        data-scenario={answer?.scenario}
        // Which trigger this answer belongs to (0 before any), so a test can tell a new answer from the last.
        data-submitted-at={trigger.submittedAt}
        className="min-h-[1.5rem] text-sm"
      >
        {pending ? (
          <span className="text-muted">
            {t("demo.panel.sending", { scenario: scenarioLabel(t, pending) })}
          </span>
        ) : trigger.isError ? (
          <span className="text-crit-strong">
            {t("demo.panel.failed", { reason: trigger.error.message })}
          </span>
        ) : answer?.ok ? (
          <span className="font-semibold text-ok-strong">
            {t("demo.panel.started", { scenario: scenarioLabel(t, answer.scenario) })}
          </span>
        ) : answer ? (
          <span className="block rounded-md border border-warn/60 bg-warn-soft px-2.5 py-1.5 text-warn-strong">
            {t("demo.panel.refused", { scenario: scenarioLabel(t, answer.scenario) })}{" "}
            {/* The simulator's own reason, in English: it names Patroni's rules (e.g. its 412). */}
            <q lang="en">{answer.message}</q>
          </span>
        ) : null}
      </div>
    </Panel>
  );
}
