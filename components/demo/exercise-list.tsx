"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { type DemoExercise, demoExercisesSchema } from "@/lib/domain/demo";
import { fetchJson, FetchError } from "@/lib/query/fetch-json";
import { apiPaths, pagePaths, queryKeys } from "@/lib/query/keys";
import { useT } from "@/lib/i18n/client";
import type { T } from "@/lib/i18n";
import { badgeClass } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { CheckIcon } from "@/components/ui/icons";

// The guided exercises: the course's tasks with a tick for each one the dashboard has seen done. The
// ticks are the server's (one list for the whole room). This widget sets no timer of its own: it
// re-reads the list whenever the screen's one polling observer brings a new cluster snapshot.

async function resetExercises() {
  let response: Response;
  try {
    response = await fetch(apiPaths.demoExercises(), {
      method: "POST",
      cache: "no-store",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ action: "reset" }),
    });
  } catch (err) {
    throw new FetchError("network", err instanceof Error ? err.message : String(err));
  }
  if (!response.ok) throw new FetchError("http", `HTTP ${response.status}`, response.status);
  return demoExercisesSchema.parse(await response.json());
}

function doneText(t: T, exercise: DemoExercise): string {
  const member = exercise.member ?? "";
  const from = exercise.from ?? "";
  return t(`demo.exercise.${exercise.id}.done`, { member, from });
}

/** The Lab 1 tasks happen in a node page's explorer: links to each node's, for the one who is stuck. */
const IN_EXPLORER = new Set<string>(["find-primary", "root-503"]);

function ExplorerLinks({ cluster, members }: { cluster: string; members: readonly string[] }) {
  const t = useT();
  return (
    <span className="text-muted">
      {t("demo.exercises.openExplorer")}{" "}
      {members.map((member, i) => (
        <span key={member}>
          {i > 0 ? " · " : null}
          <Link
            href={`${pagePaths.node(cluster, member)}#node-explorer`}
            className="font-semibold text-accent-strong underline-offset-2 hover:underline"
            data-testid="demo-exercise-explorer-link"
          >
            {member}
          </Link>
        </span>
      ))}
    </span>
  );
}

function Exercise({
  exercise,
  cluster,
  members,
}: {
  exercise: DemoExercise;
  cluster: string;
  members: readonly string[];
}) {
  const t = useT();
  return (
    <li
      data-testid="demo-exercise"
      data-exercise={exercise.id}
      data-done={exercise.done ? "true" : "false"}
      className={cn(
        "flex items-start gap-2 rounded-md border px-2.5 py-1.5 text-sm",
        exercise.done ? "border-ok/50 bg-ok-soft" : "border-line bg-surface-2",
      )}
    >
      {/* A word goes with the tick: the state is never shown by colour or icon alone. */}
      <span className={cn(badgeClass(exercise.done ? "ok" : "neutral"), "mt-0.5 shrink-0")}>
        {exercise.done ? <CheckIcon className="shrink-0" /> : null}
        {exercise.done ? t("demo.exercises.done") : t("demo.exercises.todo")}
      </span>
      <span className="flex min-w-0 flex-col">
        <span className="font-semibold">
          <span className="text-muted">{t("demo.exercises.lab", { lab: exercise.lab })} · </span>
          {t(`demo.exercise.${exercise.id}`)}
        </span>
        {exercise.done ? (
          <span className="text-ok-strong">{doneText(t, exercise)}</span>
        ) : IN_EXPLORER.has(exercise.id) && members.length > 0 ? (
          <ExplorerLinks cluster={cluster} members={members} />
        ) : null}
      </span>
    </li>
  );
}

export function ExerciseList({
  refreshKey,
  cluster = "demo",
  members = [],
}: {
  refreshKey: number | null;
  /** The demo cluster's name and members, for links to the nodes' explorers. */
  cluster?: string;
  members?: readonly string[];
}) {
  const t = useT();
  const client = useQueryClient();
  const list = useQuery({
    queryKey: queryKeys.demoExercises(),
    queryFn: ({ signal }) => fetchJson(apiPaths.demoExercises(), demoExercisesSchema, { signal }),
    retry: false,
  });
  const { refetch } = list;
  // The mount already fetches: re-read only when a NEWER snapshot arrives, not for the first one.
  const seen = useRef(refreshKey);
  useEffect(() => {
    if (refreshKey === null || refreshKey === seen.current) return;
    seen.current = refreshKey;
    void refetch();
  }, [refreshKey, refetch]);
  const reset = useMutation({
    mutationFn: resetExercises,
    onSuccess: (data) => client.setQueryData(queryKeys.demoExercises(), data),
  });
  const exercises = list.data?.exercises ?? [];
  const done = exercises.filter((e) => e.done).length;
  return (
    <section
      className="flex flex-col gap-2"
      data-testid="demo-exercises"
      aria-labelledby="demo-exercises-title"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 id="demo-exercises-title" className="text-sm font-semibold text-muted">
          {t("demo.exercises.title")}
          {list.data ? (
            <span className="font-normal" data-testid="demo-exercises-progress">
              {" "}
              · {t("demo.exercises.progress", { done, total: exercises.length })}
            </span>
          ) : null}
        </h3>
        {done > 0 ? (
          <button
            type="button"
            onClick={() => reset.mutate()}
            disabled={reset.isPending}
            className="rounded-md border border-line px-2 py-0.5 text-xs font-semibold text-muted hover:text-text disabled:opacity-60"
          >
            {t("demo.exercises.reset")}
          </button>
        ) : null}
      </div>
      <p className="text-sm text-muted">{t("demo.exercises.description")}</p>
      {list.data ? (
        <ol className="grid gap-1.5 [grid-template-columns:repeat(auto-fill,minmax(min(100%,22rem),1fr))]">
          {exercises.map((exercise) => (
            <Exercise key={exercise.id} exercise={exercise} cluster={cluster} members={members} />
          ))}
        </ol>
      ) : list.isError ? (
        <p className="text-sm text-crit-strong">
          {t("demo.exercises.unavailable", { reason: list.error.message })}
        </p>
      ) : (
        <p className="text-sm text-muted">{t("demo.exercises.loading")}</p>
      )}
    </section>
  );
}
